namespace SupplierQuality.Grains.Suppliers;

/// <summary>What a person or a system says about a supplier: the part of its state that commands replace.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierProfile")]
public sealed record SupplierProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Category,
    [property: Id(2)] string? ExternalId,
    [property: Id(3)] SupplierStatus Status,
    [property: Id(4)] IReadOnlyList<SupplierContact> Contacts)
{
    // Value equality over the contacts too, so a retried command is recognised as the same command.
    public bool Equals(SupplierProfile? other) =>
        other is not null
        && Name == other.Name
        && Category == other.Category
        && ExternalId == other.ExternalId
        && Status == other.Status
        && Contacts.SequenceEqual(other.Contacts);

    public override int GetHashCode() => HashCode.Combine(Name, Category, ExternalId, Status, Contacts.Count);
}
