namespace SupplierQuality.Grains.Accounts;

[GenerateSerializer]
[Alias("SupplierQuality.Accounts.ApiKeyState")]
internal sealed class ApiKeyState
{
    /// <summary>Empty until the key is created.</summary>
    [Id(0)]
    public string Name { get; set; } = "";

    [Id(1)]
    public string Role { get; set; } = "";

    [Id(2)]
    public string CreatedBy { get; set; } = "";

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(4)]
    public DateTimeOffset? RevokedAt { get; set; }

    [Id(5)]
    public string? RevokedBy { get; set; }
}
