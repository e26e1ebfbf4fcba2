namespace SupplierQuality.Grains.Suppliers;

/// <summary>
/// The stored supplier. Its own shape, not <see cref="SupplierProfile"/>, so that it follows docs/adr/0004 (JSON
/// with type names) and the messages need not.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Suppliers.SupplierState")]
public sealed class SupplierState
{
    /// <summary>0 until the supplier is created; one more with every change.</summary>
    [Id(0)]
    public int Version { get; set; }

    [Id(1)]
    public string Name { get; set; } = string.Empty;

    [Id(2)]
    public string? Category { get; set; }

    [Id(3)]
    public string? ExternalId { get; set; }

    [Id(4)]
    public SupplierStatus Status { get; set; }

    [Id(5)]
    public List<SupplierContact> Contacts { get; set; } = [];

    [Id(6)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(7)]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Addresses that bounced for good, upper case, with the reason; at most <see cref="MaxUndeliverable"/>.</summary>
    [Id(8)]
    public Dictionary<string, string> Undeliverable { get; set; } = [];

    public const int MaxUndeliverable = 100;

    public SupplierProfile? ToProfile() =>
        Version == 0 ? null : new SupplierProfile(Name, Category, ExternalId, Status, Contacts);

    public void Set(SupplierProfile profile)
    {
        Name = profile.Name;
        Category = profile.Category;
        ExternalId = profile.ExternalId;
        Status = profile.Status;
        Contacts = [.. profile.Contacts];
    }
}
