namespace SupplierQuality.Grains.Suppliers;

[GenerateSerializer, Alias("SupplierQuality.Suppliers.SupplierDirectoryState")]
public sealed class SupplierDirectoryState
{
    [Id(0)]
    public Dictionary<Guid, SupplierDirectoryEntry> Entries { get; set; } = [];
}

public sealed class SupplierDirectoryGrain(
    [PersistentState("directory")] IPersistentState<SupplierDirectoryState> state) : Grain, ISupplierDirectoryGrain
{
    public async Task UpsertAsync(SupplierDirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // Supplier grains push after each write and again on retries, so pushes can repeat or arrive late:
        // the version decides, and an older entry never replaces a newer one.
        if (state.State.Entries.TryGetValue(entry.Id, out var current) && current.Version >= entry.Version)
        {
            return;
        }

        state.State.Entries[entry.Id] = entry;
        // The entry in memory may not be stored: reload from storage on the next call. The supplier's caller
        // sees the failure and retries, and the retry pushes the entry again.
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<SupplierShardPage> QueryAsync(SupplierFilter filter, int take)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var matches = state.State.Entries.Values.Where(e => e.Matches(filter)).ToList();
        matches.Sort(SupplierDirectoryEntry.ByName);
        return Task.FromResult(new SupplierShardPage(matches.Count, matches[..Math.Clamp(take, 0, matches.Count)]));
    }

    public Task<IReadOnlyList<string>> CategoriesAsync() =>
        Task.FromResult<IReadOnlyList<string>>(
            [.. state.State.Entries.Values.Select(e => e.Category).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)]);
}
