namespace SupplierQuality.Grains.Suppliers;

/// <summary>A supplier as readers see it. <see cref="Version"/> goes up by one with every change.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierDetails")]
public sealed record SupplierDetails(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Category,
    [property: Id(3)] string? ExternalId,
    [property: Id(4)] SupplierStatus Status,
    [property: Id(5)] IReadOnlyList<SupplierContact> Contacts,
    [property: Id(6)] int Version,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt)
{
    public bool Equals(SupplierDetails? other) =>
        other is not null
        && Id == other.Id
        && Name == other.Name
        && Category == other.Category
        && ExternalId == other.ExternalId
        && Status == other.Status
        && Contacts.SequenceEqual(other.Contacts)
        && Version == other.Version
        && CreatedAt == other.CreatedAt
        && UpdatedAt == other.UpdatedAt;

    public override int GetHashCode() => HashCode.Combine(Id, Version);

    /// <summary>Contact addresses that bounced for good: fix them before the next campaign.</summary>
    [Id(9)]
    public IReadOnlyList<string> UndeliverableEmails { get; init; } = [];
}
