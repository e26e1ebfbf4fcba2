namespace SupplierQuality.Grains.Accounts;

/// <summary>A new account. The email is the grain key.</summary>
[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.NewAccount")]
public sealed record NewAccount(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string Role,
    [property: Id(2)] string Password,
    [property: Id(3)] bool MustChangePassword);

/// <summary>What other parts of the system may know about an account (never the password hash).</summary>
/// <param name="TimeZone">The IANA time zone the holder chose to read times in; null until they choose (shown as UTC).</param>
[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.AccountInfo")]
public sealed record AccountInfo(
    [property: Id(0)] string Email,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Role,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] bool MustChangePassword,
    // Id 5 was the lockout end; not reused, so a message from a node of the previous release still reads.
    [property: Id(6)] string SecurityStamp,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string? TimeZone = null);

[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.CreateAccountResult")]
public sealed record CreateAccountResult(
    [property: Id(0)] bool Created,
    [property: Id(1)] AccountInfo Account);

/// <remarks>The numbers travel between nodes: 2 was the lockout and is never reused.</remarks>
[GenerateSerializer]
[Alias("SupplierQuality.Accounts.SignInStatus")]
public enum SignInStatus
{
    /// <summary>Right password, account usable. The account may still have to change its password.</summary>
    Succeeded = 0,

    /// <summary>Wrong password or no such account: callers must not tell these apart.</summary>
    Failed = 1,

    /// <summary>Right password, but an admin disabled the account.</summary>
    Disabled = 3,
}

/// <param name="Delay">
/// How long the caller waits before it answers, whatever the status: the account's throttle on password guesses
/// (<see cref="IAccountGrain.SignIn"/>).
/// </param>
[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.SignInAttempt")]
public sealed record SignInAttempt(
    [property: Id(0)] SignInStatus Status,
    [property: Id(1)] AccountInfo? Account,
    // Id 2 was the lockout end.
    [property: Id(3)] TimeSpan Delay);

/// <remarks>The numbers travel between nodes: 2 was the lockout and is never reused.</remarks>
[GenerateSerializer]
[Alias("SupplierQuality.Accounts.ChangePasswordStatus")]
public enum ChangePasswordStatus
{
    Changed = 0,
    WrongPassword = 1,
    WeakPassword = 3,
    SameAsCurrent = 4,
    Unavailable = 5,
}

/// <param name="Delay">How long the caller waits before it answers, as for <see cref="SignInAttempt.Delay"/>.</param>
[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.ChangePasswordResult")]
public sealed record ChangePasswordResult(
    [property: Id(0)] ChangePasswordStatus Status,
    [property: Id(1)] AccountInfo? Account,
    [property: Id(2)] string? Problem,
    [property: Id(3)] TimeSpan Delay);

/// <summary>One line of the account list admins see.</summary>
[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.AccountSummary")]
public sealed record AccountSummary(
    [property: Id(0)] string Email,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Role,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] bool MustChangePassword,
    [property: Id(5)] DateTimeOffset CreatedAt)
{
    public static AccountSummary From(AccountInfo account) => new(
        account.Email, account.DisplayName, account.Role, account.Disabled, account.MustChangePassword, account.CreatedAt);
}
