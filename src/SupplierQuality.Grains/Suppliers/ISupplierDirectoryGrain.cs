namespace SupplierQuality.Grains.Suppliers;

/// <summary>
/// One shard (key 0..<see cref="SupplierDirectory.ShardCount"/>-1) of the supplier list. Each supplier grain keeps
/// its own entry current; readers ask every shard and merge (see <see cref="SupplierDirectory"/>).
/// </summary>
[Alias("SupplierQuality.Suppliers.ISupplierDirectoryGrain")]
public interface ISupplierDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the entry unless the shard already holds this supplier at the same or a later version.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(SupplierDirectoryEntry entry);

    /// <summary>The number of matching entries and the first <paramref name="take"/> of them in list order.</summary>
    [Alias("Query")]
    Task<SupplierShardPage> QueryAsync(SupplierFilter filter, int take);

    /// <summary>The distinct categories of this shard's suppliers.</summary>
    [Alias("Categories")]
    Task<IReadOnlyList<string>> CategoriesAsync();
}
