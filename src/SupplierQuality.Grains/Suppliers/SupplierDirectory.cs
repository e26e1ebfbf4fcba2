using System.Buffers.Binary;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Suppliers;

/// <summary>A page of the supplier list. <see cref="Page"/> counts from 1.</summary>
public sealed record SupplierPage(int Page, int PageSize, int Total, IReadOnlyList<SupplierDirectoryEntry> Items);

/// <summary>How many suppliers match a filter, and the first of them in list order.</summary>
public sealed record SupplierMatches(int Total, IReadOnlyList<SupplierDirectoryEntry> First);

/// <summary>A request for one page of the supplier list.</summary>
public sealed record SupplierQuery(SupplierFilter Filter, int Page = 1, int PageSize = SupplierQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Field errors (keys <c>page</c>, <c>pageSize</c>); empty when the query can run.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new FieldErrors();
        if (Page < 1)
        {
            errors.Add("page", "The page must be 1 or more.");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"The page size must be between 1 and {MaxPageSize}.");
        }

        return errors.ToDictionary();
    }
}

/// <summary>
/// The supplier list (see docs/adr/0003-supplier-directory.md): stored in <see cref="BucketCount"/> small bucket
/// grains, read from <see cref="ShardCount"/> shard grains that hold their buckets' entries in memory.
/// </summary>
public static class SupplierDirectory
{
    /// <summary>
    /// Fixed: a supplier's shard and bucket are derived from its id, so changing this moves entries between grains
    /// and needs a migration like the one from the single-level directory (<see cref="SupplierDirectoryGrain"/>).
    /// </summary>
    public const int ShardCount = 16;

    /// <summary>
    /// Buckets, each stored alone, so a change rewrites about 1/256 of the list. A multiple of
    /// <see cref="ShardCount"/>: bucket b belongs to shard b mod 16, the shard the supplier had before buckets.
    /// </summary>
    public const int BucketCount = 256;

    /// <summary>Bucket writes in flight at once while publishing.</summary>
    private const int WritesInFlight = 16;

    /// <summary>The shard of a supplier. Pinned: the shards of releases before buckets stored entries by it.</summary>
    public static int ShardOf(Guid supplierId) => (int)(Fold(supplierId) % ShardCount);

    /// <summary>The bucket that stores a supplier's entry; always one of <see cref="BucketsOf"/> its shard.</summary>
    public static int BucketOf(Guid supplierId) => (int)(Fold(supplierId) % BucketCount);

    /// <summary>The buckets whose entries a shard holds.</summary>
    public static IEnumerable<int> BucketsOf(int shard) =>
        Enumerable.Range(0, BucketCount / ShardCount).Select(i => shard + (i * ShardCount));

    /// <summary>
    /// Every shard at once, merged in list order (<see cref="SupplierDirectoryEntry.ByName"/>): how many suppliers
    /// match and the first <paramref name="take"/> of them. Each shard sends at most <paramref name="take"/>
    /// entries, so a small take stays cheap however many suppliers there are. The one way to read the list.
    /// </summary>
    public static async Task<SupplierMatches> QuerySuppliersAsync(this IGrainFactory grains, SupplierFilter filter, int take = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(filter);
        var shards = await Task.WhenAll(Enumerable.Range(0, ShardCount)
            .Select(shard => grains.GetGrain<ISupplierDirectoryGrain>(shard).QueryAsync(filter, take)));
        return new SupplierMatches(shards.Sum(s => s.Matched), Merge(shards, take));
    }

    /// <summary>One page of the list: the first <c>page * pageSize</c> matches of every shard, cut to the page.</summary>
    public static async Task<SupplierPage> ListSuppliersAsync(this IGrainFactory grains, SupplierQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Validate().Count > 0)
        {
            throw new ArgumentException("The page or page size is out of range.", nameof(query));
        }

        var matches = await grains.QuerySuppliersAsync(query.Filter, (int)Math.Min((long)query.Page * query.PageSize, int.MaxValue));
        var skip = (int)Math.Min((long)(query.Page - 1) * query.PageSize, matches.First.Count);
        var items = matches.First.Skip(skip).Take(query.PageSize).ToList();
        return new SupplierPage(query.Page, query.PageSize, matches.Total, items);
    }

    /// <summary>Every category in use, sorted, for filters.</summary>
    public static async Task<IReadOnlyList<string>> ListSupplierCategoriesAsync(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var shards = await Task.WhenAll(Enumerable.Range(0, ShardCount)
            .Select(shard => grains.GetGrain<ISupplierDirectoryGrain>(shard).CategoriesAsync()));
        return [.. shards.SelectMany(c => c).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Brings the entries into the directory, idempotently (the version decides): stored first, each bucket written
    /// once however many of its suppliers are given, then shown by the shards. When this returns, the entries are
    /// durable and listed; when it throws, call it again.
    /// </summary>
    internal static async Task PublishAsync(this IGrainFactory grains, IReadOnlyCollection<SupplierDirectoryEntry> entries)
    {
        await grains.StoreAsync(entries);
        await Task.WhenAll(entries.GroupBy(e => ShardOf(e.Id))
            .Select(g => grains.GetGrain<ISupplierDirectoryGrain>(g.Key).ShowAsync([.. g])));
    }

    /// <summary>
    /// Writes the entries to their buckets, each touched bucket once, <see cref="WritesInFlight"/> at a time: a large
    /// import touches every bucket, and a connection pool (or SQLite's one writer) serves a few writes at once anyway.
    /// </summary>
    internal static Task StoreAsync(this IGrainFactory grains, IEnumerable<SupplierDirectoryEntry> entries) =>
        ForEachAsync(
            [.. entries.GroupBy(e => BucketOf(e.Id))],
            WritesInFlight,
            g => grains.GetGrain<ISupplierDirectoryBucketGrain>(g.Key).UpsertAsync([.. g]));

    /// <summary>Reads a shard's buckets one after the other: a cold start of all shards needs 16 connections, not 256.</summary>
    internal static async Task<List<SupplierDirectoryEntry>> ReadBucketsAsync(this IGrainFactory grains, int shard)
    {
        var entries = new List<SupplierDirectoryEntry>();
        foreach (var bucket in BucketsOf(shard))
        {
            entries.AddRange(await grains.GetGrain<ISupplierDirectoryBucketGrain>(bucket).ReadAsync());
        }

        return entries;
    }

    /// <summary>Runs the work for every item, at most <paramref name="degree"/> at once.</summary>
    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, int degree, Func<T, Task> work)
    {
        var next = -1;
        async Task WorkerAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
            {
                await work(items[i]);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(degree, items.Count)).Select(_ => WorkerAsync()));
    }

    /// <summary>
    /// Folds all 128 bits of the id, because <see cref="Guid.GetHashCode"/> is not promised to stay the same across
    /// runtimes, and every node must agree.
    /// </summary>
    private static uint Fold(Guid supplierId)
    {
        Span<byte> bytes = stackalloc byte[16];
        supplierId.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes)
            ^ BinaryPrimitives.ReadUInt32BigEndian(bytes[4..])
            ^ BinaryPrimitives.ReadUInt32BigEndian(bytes[8..])
            ^ BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
    }

    /// <summary>Merges the shards' lists, each already in list order, up to <paramref name="take"/> entries.</summary>
    private static List<SupplierDirectoryEntry> Merge(SupplierShardPage[] shards, int take)
    {
        var merged = new List<SupplierDirectoryEntry>(Math.Min(take, shards.Sum(s => s.First.Count)));
        var heads = new PriorityQueue<(int Shard, int Index), SupplierDirectoryEntry>(SupplierDirectoryEntry.ByName);
        for (var shard = 0; shard < shards.Length; shard++)
        {
            if (shards[shard].First.Count > 0)
            {
                heads.Enqueue((shard, 0), shards[shard].First[0]);
            }
        }

        while (merged.Count < take && heads.TryDequeue(out var head, out var entry))
        {
            merged.Add(entry);
            var list = shards[head.Shard].First;
            if (head.Index + 1 < list.Count)
            {
                heads.Enqueue((head.Shard, head.Index + 1), list[head.Index + 1]);
            }
        }

        return merged;
    }
}
