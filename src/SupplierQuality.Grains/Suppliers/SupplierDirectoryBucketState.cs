namespace SupplierQuality.Grains.Suppliers;

[GenerateSerializer, Alias("SupplierQuality.Suppliers.SupplierDirectoryBucketState")]
public sealed class SupplierDirectoryBucketState
{
    [Id(0)]
    public Dictionary<Guid, SupplierDirectoryEntry> Entries { get; set; } = [];
}
