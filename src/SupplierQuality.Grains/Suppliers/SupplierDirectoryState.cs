namespace SupplierQuality.Grains.Suppliers;

/// <summary>
/// The stored shape of a shard before buckets: its whole share of the list, rewritten for every change. Read once
/// more on activation, moved into the buckets and cleared (<see cref="SupplierDirectoryGrain"/>).
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Suppliers.SupplierDirectoryState")]
public sealed class SupplierDirectoryState
{
    [Id(0)]
    public Dictionary<Guid, SupplierDirectoryEntry> Entries { get; set; } = [];
}
