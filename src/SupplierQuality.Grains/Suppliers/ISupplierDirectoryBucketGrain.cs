namespace SupplierQuality.Grains.Suppliers;

/// <summary>
/// Where the supplier list is stored: one bucket (key 0..<see cref="SupplierDirectory.BucketCount"/>-1) holds the
/// entries of the suppliers whose id falls in it (<see cref="SupplierDirectory.BucketOf"/>).
/// </summary>
[Alias("SupplierQuality.Suppliers.ISupplierDirectoryBucketGrain")]
public interface ISupplierDirectoryBucketGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Stores the entries, with one write for all of them, except those the bucket holds at the same or a later
    /// version. Idempotent.
    /// </summary>
    [Alias("Upsert")]
    Task UpsertAsync(IReadOnlyList<SupplierDirectoryEntry> entries);

    /// <summary>Every entry the bucket holds.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<SupplierDirectoryEntry>> ReadAsync();
}
