namespace SupplierQuality.Grains.Suppliers;

/// <summary>A person at the supplier who receives surveys.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierContact")]
public sealed record SupplierContact(
    [property: Id(0)] string? Name,
    [property: Id(1)] string Email);
