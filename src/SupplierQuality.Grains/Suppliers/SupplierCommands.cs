namespace SupplierQuality.Grains.Suppliers;

/// <summary>Creates the supplier. Sending the same command again changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.CreateSupplier")]
public sealed record CreateSupplier([property: Id(0)] SupplierProfile Profile);

/// <summary>
/// Replaces the profile if the supplier is still at <paramref name="ExpectedVersion"/> (optimistic concurrency).
/// The external id is fixed at creation: null keeps it, any other value must equal it.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.UpdateSupplier")]
public sealed record UpdateSupplier(
    [property: Id(0)] int ExpectedVersion,
    [property: Id(1)] SupplierProfile Profile);
