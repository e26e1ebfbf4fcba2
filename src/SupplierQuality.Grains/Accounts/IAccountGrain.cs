namespace SupplierQuality.Grains.Accounts;

/// <summary>
/// One person's account, keyed by the normalized email (<see cref="AccountEmail.Normalize"/>). Passwords are
/// checked inside the grain, so failures are counted atomically. Every command is idempotent.
/// </summary>
/// <remarks>
/// Guessing is slowed, never refused: there is no lockout, because a lockout lets any stranger keep the owner (an
/// admin, say) out by typing wrong passwords. Instead each answer carries a delay that grows with the account's
/// recent failures (<see cref="SignInThrottleOptions"/>); the caller waits it out before answering, so the owner's
/// right password still gets in, only later. An unknown email gets the same delays, the same hashing time and the
/// same answer as a wrong password. Per-account protection is thus this delay; the web layer adds a limit per
/// client address. Attempts are not queued behind each other: that would let a stranger's guesses keep the owner
/// waiting without end, a lockout again; parallel guesses are bounded by the address limit instead.
/// </remarks>
[Alias("SupplierQuality.Accounts.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; when it already exists, changes nothing and returns it with Created false.</summary>
    [Alias("Create")]
    Task<CreateAccountResult> Create(NewAccount account);

    /// <summary>The account, or null when there is none.</summary>
    [Alias("GetInfo")]
    Task<AccountInfo?> GetInfo();

    /// <summary>
    /// Checks a password and counts a failure; a right password clears the count. The caller must wait
    /// <see cref="SignInAttempt.Delay"/> before it answers (the grain does not, so it stays free for other callers).
    /// </summary>
    [Alias("SignIn")]
    Task<SignInAttempt> SignIn(string password);

    /// <summary>
    /// The holder changes the password; other sessions end (new security stamp). A wrong current password counts
    /// as a failed sign-in, with the same delay.
    /// </summary>
    [Alias("ChangePassword")]
    Task<ChangePasswordResult> ChangePassword(string currentPassword, string newPassword);

    /// <summary>An admin sets a new password (usually one-time), clearing the failure count. Null when there is no account.</summary>
    [Alias("ResetPassword")]
    Task<AccountInfo?> ResetPassword(string password, bool mustChangePassword);

    /// <summary>Null when there is no account.</summary>
    [Alias("SetRole")]
    Task<AccountInfo?> SetRole(string role);

    /// <summary>A disabled account cannot sign in and its sessions end. Null when there is no account.</summary>
    [Alias("SetDisabled")]
    Task<AccountInfo?> SetDisabled(bool disabled);

    /// <summary>
    /// The holder chooses the time zone pages show and take times in: an IANA id or "UTC" (see
    /// <see cref="SupplierQuality.Email.Templates.Zone.TryFind"/>), stored as the time zone database spells it. The
    /// same zone again writes nothing. Sessions go on (their cookie is brought up to date on the next request). Null
    /// when there is no account; an unknown zone throws <see cref="ArgumentException"/> and changes nothing.
    /// </summary>
    [Alias("SetTimeZone")]
    Task<AccountInfo?> SetTimeZone(string timeZone);

    /// <summary>
    /// Ends every session of the account (new security stamp), as signing out does, so a copied cookie dies with the
    /// one signed out. A repeat also ends sessions begun since. Null when there is no account.
    /// </summary>
    [Alias("EndSessions")]
    Task<AccountInfo?> EndSessions();
}
