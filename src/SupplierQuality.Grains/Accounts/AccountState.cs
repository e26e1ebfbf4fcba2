namespace SupplierQuality.Grains.Accounts;

[GenerateSerializer]
[Alias("SupplierQuality.Accounts.AccountState")]
internal sealed class AccountState
{
    /// <summary>Empty until the account is created.</summary>
    [Id(0)]
    public string Email { get; set; } = "";

    [Id(1)]
    public string DisplayName { get; set; } = "";

    [Id(2)]
    public string Role { get; set; } = "";

    /// <summary>ASP.NET Core Identity's PasswordHasher format (PBKDF2, salted, versioned).</summary>
    [Id(3)]
    public string PasswordHash { get; set; } = "";

    // Ids 4 and 5 held the failure count and the end of the lockout this account had before sign-in was throttled
    // instead (recent failures are now kept in the grain's memory only). State written then still loads; never reuse them.

    [Id(6)]
    public bool MustChangePassword { get; set; }

    [Id(7)]
    public bool Disabled { get; set; }

    /// <summary>Changes whenever existing sessions must end: password, role or disabled changed.</summary>
    [Id(8)]
    public string SecurityStamp { get; set; } = "";

    [Id(9)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The IANA time zone the holder reads and types times in ("Europe/Berlin"); null until they choose, which pages
    /// show as UTC with an offer to use the browser's zone (and which accounts stored before zones existed are).
    /// </summary>
    [Id(10)]
    public string? TimeZone { get; set; }
}
