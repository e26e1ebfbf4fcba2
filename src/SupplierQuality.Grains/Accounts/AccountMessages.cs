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
[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.AccountInfo")]
public sealed record AccountInfo(
    [property: Id(0)] string Email,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Role,
    [property: Id(3)] bool Disabled,
    [property: Id(4)] bool MustChangePassword,
    [property: Id(5)] DateTimeOffset? LockedUntil,
    [property: Id(6)] string SecurityStamp,
    [property: Id(7)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.CreateAccountResult")]
public sealed record CreateAccountResult(
    [property: Id(0)] bool Created,
    [property: Id(1)] AccountInfo Account);

[GenerateSerializer]
[Alias("SupplierQuality.Accounts.SignInStatus")]
public enum SignInStatus
{
    /// <summary>Right password, account usable. The account may still have to change its password.</summary>
    Succeeded,

    /// <summary>Wrong password or no such account: callers must not tell these apart.</summary>
    Failed,

    /// <summary>Too many wrong passwords; no password is checked until <see cref="SignInAttempt.LockedUntil"/>.</summary>
    LockedOut,

    /// <summary>Right password, but an admin disabled the account.</summary>
    Disabled,
}

[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.SignInAttempt")]
public sealed record SignInAttempt(
    [property: Id(0)] SignInStatus Status,
    [property: Id(1)] AccountInfo? Account,
    [property: Id(2)] DateTimeOffset? LockedUntil);

[GenerateSerializer]
[Alias("SupplierQuality.Accounts.ChangePasswordStatus")]
public enum ChangePasswordStatus
{
    Changed,
    WrongPassword,
    LockedOut,
    WeakPassword,
    SameAsCurrent,
    Unavailable,
}

[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.ChangePasswordResult")]
public sealed record ChangePasswordResult(
    [property: Id(0)] ChangePasswordStatus Status,
    [property: Id(1)] AccountInfo? Account,
    [property: Id(2)] string? Problem);

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
