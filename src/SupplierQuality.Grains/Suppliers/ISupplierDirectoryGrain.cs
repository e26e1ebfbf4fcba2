namespace SupplierQuality.Grains.Suppliers;

/// <summary>
/// One shard (key 0..<see cref="SupplierDirectory.ShardCount"/>-1) of the supplier list, held in memory: the entries
/// of its buckets (<see cref="SupplierDirectory.BucketsOf"/>), read on activation. Stores nothing itself. Readers
/// ask every shard and merge (<see cref="SupplierDirectory.QuerySuppliersAsync"/>).
/// </summary>
[Alias("SupplierQuality.Suppliers.ISupplierDirectoryGrain")]
public interface ISupplierDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Shows entries already stored in their buckets, unless the shard holds a supplier at the same or a later version.
    /// </summary>
    [Alias("Show")]
    Task ShowAsync(IReadOnlyList<SupplierDirectoryEntry> entries);

    /// <summary>The number of matching entries and the first <paramref name="take"/> of them in list order.</summary>
    [Alias("Query")]
    Task<SupplierShardPage> QueryAsync(SupplierFilter filter, int take);

    /// <summary>The distinct categories of this shard's suppliers.</summary>
    [Alias("Categories")]
    Task<IReadOnlyList<string>> CategoriesAsync();
}
