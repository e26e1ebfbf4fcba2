using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Accounts;

/// <param name="Created">False when the account existed and was made a usable admin again.</param>
/// <param name="Password">The password now in force: the one given, or a generated one-time password.</param>
internal sealed record AdminBootstrapResult(bool Created, string Password);

/// <summary>The first admin account, and the way back in when no admin can sign in.</summary>
internal static class AdminBootstrap
{
    public const string DevelopmentAdminEmail = "admin@localhost";

    private const string DisplayName = "Administrator";

    /// <summary>
    /// Creates an admin account, or makes an existing account an enabled admin with this password. Without a
    /// password, generates a one-time password that must be changed at first sign-in.
    /// </summary>
    /// <exception cref="ArgumentException">The email is not an address or the password is too weak.</exception>
    public static async Task<AdminBootstrapResult> CreateAdminAsync(IGrainFactory grains, string email, string? password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var key = NormalizeOrThrow(email);
        if (password is not null && PasswordPolicy.Problem(password) is { } problem)
        {
            // No parameter name: the message is printed as is by the create-admin command.
            throw new ArgumentException($"The password is too weak: {problem}");
        }

        var oneTime = password is null;
        var secret = password ?? PasswordPolicy.GenerateOneTime();
        var account = grains.GetAccount(key);
        var result = await account.Create(new NewAccount(DisplayName, Roles.Admin, secret, oneTime)).WaitAsync(ct);
        if (result.Created)
        {
            return new AdminBootstrapResult(true, secret);
        }

        await account.SetRole(Roles.Admin).WaitAsync(ct);
        await account.SetDisabled(false).WaitAsync(ct);
        await account.ResetPassword(secret, oneTime).WaitAsync(ct);
        return new AdminBootstrapResult(false, secret);
    }

    /// <summary>
    /// Creates the admin account only when there is no account with this email: safe on every start, and never
    /// overwrites a password the admin has since changed. True when it created the account.
    /// </summary>
    public static async Task<bool> EnsureAdminAsync(
        IGrainFactory grains, string email, string password, bool mustChangePassword, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var result = await grains.GetAccount(NormalizeOrThrow(email))
            .Create(new NewAccount(DisplayName, Roles.Admin, password, mustChangePassword))
            .WaitAsync(ct);
        return result.Created;
    }

    private static string NormalizeOrThrow(string email) =>
        AccountEmail.Normalize(email) ?? throw new ArgumentException($"'{email}' is not an email address.");
}
