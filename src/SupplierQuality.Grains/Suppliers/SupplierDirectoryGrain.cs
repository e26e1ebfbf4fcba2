namespace SupplierQuality.Grains.Suppliers;

/// <summary>
/// A shard of the list in memory (see <see cref="ISupplierDirectoryGrain"/>). The type name is the one it always had:
/// shards of releases before buckets are stored under it.
/// </summary>
[GrainType("supplierdirectory")]
public sealed class SupplierDirectoryGrain(
    [PersistentState("directory")] IPersistentState<SupplierDirectoryState> legacy) : Grain, ISupplierDirectoryGrain
{
    private readonly Dictionary<Guid, SupplierDirectoryEntry> _entries = [];

    /// <summary>The entries in list order, sorted again on the first query after a change.</summary>
    private SupplierDirectoryEntry[]? _sorted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (legacy.State.Entries.Count > 0)
        {
            // Stored by a release before buckets. Into the buckets first, then cleared: a crash in between only
            // means doing it again, and the buckets ignore what they already hold.
            await GrainFactory.StoreAsync(legacy.State.Entries.Values);
            await legacy.ClearStateAsync(cancellationToken);
        }

        Show(await GrainFactory.ReadBucketsAsync((int)this.GetPrimaryKeyLong()));
    }

    public Task ShowAsync(IReadOnlyList<SupplierDirectoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Show(entries);
        return Task.CompletedTask;
    }

    public Task<SupplierShardPage> QueryAsync(SupplierFilter filter, int take)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (_sorted is null)
        {
            _sorted = [.. _entries.Values];
            Array.Sort(_sorted, SupplierDirectoryEntry.ByName);
        }

        var first = new List<SupplierDirectoryEntry>();
        var matched = 0;
        foreach (var entry in _sorted)
        {
            if (entry.Matches(filter) && ++matched <= take)
            {
                first.Add(entry);
            }
        }

        return Task.FromResult(new SupplierShardPage(matched, first));
    }

    public Task<IReadOnlyList<string>> CategoriesAsync() =>
        Task.FromResult<IReadOnlyList<string>>(
            [.. _entries.Values.Select(e => e.Category).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)]);

    private void Show(IEnumerable<SupplierDirectoryEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (!_entries.TryGetValue(entry.Id, out var current) || current.Version < entry.Version)
            {
                _entries[entry.Id] = entry;
                _sorted = null;
            }
        }
    }
}
