namespace SupplierQuality.Grains.Accounts;

/// <summary>
/// One person's account, keyed by the normalized email (<see cref="AccountEmail.Normalize"/>). Passwords are
/// checked inside the grain, so failure counting and lockout are atomic. Every command is idempotent.
/// </summary>
[Alias("SupplierQuality.Accounts.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; when it already exists, changes nothing and returns it with Created false.</summary>
    [Alias("Create")]
    Task<CreateAccountResult> Create(NewAccount account);

    /// <summary>The account, or null when there is none.</summary>
    [Alias("GetInfo")]
    Task<AccountInfo?> GetInfo();

    /// <summary>Checks a password, counting failures and locking the account after too many.</summary>
    [Alias("SignIn")]
    Task<SignInAttempt> SignIn(string password);

    /// <summary>The holder changes the password; other sessions end (new security stamp).</summary>
    [Alias("ChangePassword")]
    Task<ChangePasswordResult> ChangePassword(string currentPassword, string newPassword);

    /// <summary>An admin sets a new password (usually one-time), clearing any lockout. Null when there is no account.</summary>
    [Alias("ResetPassword")]
    Task<AccountInfo?> ResetPassword(string password, bool mustChangePassword);

    /// <summary>Null when there is no account.</summary>
    [Alias("SetRole")]
    Task<AccountInfo?> SetRole(string role);

    /// <summary>A disabled account cannot sign in and its sessions end. Null when there is no account.</summary>
    [Alias("SetDisabled")]
    Task<AccountInfo?> SetDisabled(bool disabled);
}
