namespace SupplierQuality.Grains.Suppliers;

[GrainType("supplier-directory-bucket")]
public sealed class SupplierDirectoryBucketGrain(
    [PersistentState("entries")] IPersistentState<SupplierDirectoryBucketState> state) : Grain, ISupplierDirectoryBucketGrain
{
    public async Task UpsertAsync(IReadOnlyList<SupplierDirectoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);

        // Pushes repeat (retries, a second import of the same file) and may arrive late: the version decides, and an
        // older entry never replaces a newer one.
        var changed = false;
        foreach (var entry in entries)
        {
            if (!state.State.Entries.TryGetValue(entry.Id, out var current) || current.Version < entry.Version)
            {
                state.State.Entries[entry.Id] = entry;
                changed = true;
            }
        }

        if (changed)
        {
            // If the write fails, the activation goes and the next call reads what storage holds; the caller sees
            // the failure and pushes again.
            await state.WriteOrDeactivateAsync(this);
        }
    }

    public Task<IReadOnlyList<SupplierDirectoryEntry>> ReadAsync() =>
        Task.FromResult<IReadOnlyList<SupplierDirectoryEntry>>([.. state.State.Entries.Values]);
}
