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

    [Id(4)]
    public int FailedAttempts { get; set; }

    [Id(5)]
    public DateTimeOffset? LockoutEnd { get; set; }

    [Id(6)]
    public bool MustChangePassword { get; set; }

    [Id(7)]
    public bool Disabled { get; set; }

    /// <summary>Changes whenever existing sessions must end: password, role or disabled changed.</summary>
    [Id(8)]
    public string SecurityStamp { get; set; } = "";

    [Id(9)]
    public DateTimeOffset CreatedAt { get; set; }
}
