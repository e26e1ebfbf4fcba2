namespace SupplierQuality.Grains.Suppliers;

/// <summary>What the supplier list shows of one supplier, at the supplier's <see cref="Version"/>.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierDirectoryEntry")]
public sealed record SupplierDirectoryEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Category,
    [property: Id(3)] SupplierStatus Status,
    [property: Id(4)] int Version)
{
    public static SupplierDirectoryEntry Of(SupplierDetails supplier)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        return new(supplier.Id, supplier.Name, supplier.Category, supplier.Status, supplier.Version);
    }

    /// <summary>List order: name ignoring case, then exact name, then id, so pages never overlap or skip.</summary>
    public static IComparer<SupplierDirectoryEntry> ByName { get; } = Comparer<SupplierDirectoryEntry>.Create((a, b) =>
    {
        var order = string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
        if (order == 0)
        {
            order = string.CompareOrdinal(a.Name, b.Name);
        }

        return order != 0 ? order : a.Id.CompareTo(b.Id);
    });

    public bool Matches(SupplierFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return (filter.Category is null || string.Equals(Category, filter.Category, StringComparison.OrdinalIgnoreCase))
            && (filter.NameContains is null || Name.Contains(filter.NameContains, StringComparison.OrdinalIgnoreCase))
            && (filter.Status is null || Status == filter.Status);
    }
}

/// <summary>Which suppliers to list; null means any. Category matches whole and ignores case; the name matches any part.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierFilter")]
public sealed record SupplierFilter(
    [property: Id(0)] string? Category,
    [property: Id(1)] string? NameContains,
    [property: Id(2)] SupplierStatus? Status)
{
    public static SupplierFilter Everyone { get; } = new(null, null, null);
}

/// <summary>One shard's answer: how many of its suppliers match, and the first of them in list order.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierShardPage")]
public sealed record SupplierShardPage(
    [property: Id(0)] int Matched,
    [property: Id(1)] IReadOnlyList<SupplierDirectoryEntry> First);
