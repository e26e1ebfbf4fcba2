using System.Buffers.Binary;

namespace SupplierQuality.Grains.Suppliers;

/// <summary>A page of the supplier list. <see cref="Page"/> counts from 1.</summary>
public sealed record SupplierPage(int Page, int PageSize, int Total, IReadOnlyList<SupplierDirectoryEntry> Items);

/// <summary>A request for one page of the supplier list.</summary>
public sealed record SupplierQuery(SupplierFilter Filter, int Page = 1, int PageSize = SupplierQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Field errors (keys <c>page</c>, <c>pageSize</c>); empty when the query can run.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Page < 1)
        {
            errors["page"] = ["The page must be 1 or more."];
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"The page size must be between 1 and {MaxPageSize}."];
        }

        return errors;
    }
}

/// <summary>The supplier list, spread over <see cref="ShardCount"/> directory grains.</summary>
public static class SupplierDirectory
{
    /// <summary>
    /// Fixed: a supplier's shard is derived from its id, so changing this moves entries between shards and needs a
    /// rebuild of the directory from the supplier grains.
    /// </summary>
    public const int ShardCount = 16;

    /// <summary>
    /// The shard of a supplier. Folds all 128 bits of the id, because <see cref="Guid.GetHashCode"/> is not
    /// promised to stay the same across runtimes, and every node must agree.
    /// </summary>
    public static int ShardOf(Guid supplierId)
    {
        Span<byte> bytes = stackalloc byte[16];
        supplierId.TryWriteBytes(bytes, bigEndian: true, out _);
        var folded = BinaryPrimitives.ReadUInt32BigEndian(bytes)
            ^ BinaryPrimitives.ReadUInt32BigEndian(bytes[4..])
            ^ BinaryPrimitives.ReadUInt32BigEndian(bytes[8..])
            ^ BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
        return (int)(folded % ShardCount);
    }

    public static ISupplierDirectoryGrain ShardFor(this IGrainFactory grains, Guid supplierId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<ISupplierDirectoryGrain>(ShardOf(supplierId));
    }

    /// <summary>
    /// Asks every shard at once for its matches up to the end of the requested page, merges them in list order and
    /// cuts the page. Each shard sends at most <c>page * pageSize</c> entries, so early pages stay cheap.
    /// </summary>
    public static async Task<SupplierPage> ListSuppliersAsync(this IGrainFactory grains, SupplierQuery query)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Validate().Count > 0)
        {
            throw new ArgumentException("The page or page size is out of range.", nameof(query));
        }

        var take = (int)Math.Min((long)query.Page * query.PageSize, int.MaxValue);
        var shards = await Task.WhenAll(Enumerable.Range(0, ShardCount)
            .Select(shard => grains.GetGrain<ISupplierDirectoryGrain>(shard).QueryAsync(query.Filter, take)));

        var merged = shards.SelectMany(s => s.First).ToList();
        merged.Sort(SupplierDirectoryEntry.ByName);
        var skip = (int)Math.Min((long)(query.Page - 1) * query.PageSize, merged.Count);
        var items = merged.GetRange(skip, Math.Min(query.PageSize, merged.Count - skip));
        return new SupplierPage(query.Page, query.PageSize, shards.Sum(s => s.Matched), items);
    }

    /// <summary>Every category in use, sorted, for filters.</summary>
    public static async Task<IReadOnlyList<string>> ListSupplierCategoriesAsync(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var shards = await Task.WhenAll(Enumerable.Range(0, ShardCount)
            .Select(shard => grains.GetGrain<ISupplierDirectoryGrain>(shard).CategoriesAsync()));
        return [.. shards.SelectMany(c => c).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }
}
