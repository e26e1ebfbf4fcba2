namespace SupplierQuality.Grains.Accounts;

[GrainType("api-key-directory")]
internal sealed class ApiKeyDirectoryGrain(
    [PersistentState("apikeys")] IPersistentState<ApiKeyDirectoryState> directory) : Grain, IApiKeyDirectoryGrain
{
    public async Task Upsert(string keyHash, ApiKeyInfo key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var entry = new ApiKeyDirectoryEntry(keyHash, key);
        if (directory.State.Keys.TryGetValue(key.Id, out var known) && known == entry)
        {
            return;
        }

        directory.State.Keys[key.Id] = entry;
        await directory.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<ApiKeyInfo>> List() => Task.FromResult<IReadOnlyList<ApiKeyInfo>>(
        [.. directory.State.Keys.Values.Select(e => e.Key).OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)]);

    public Task<string?> FindKeyHash(string id) =>
        Task.FromResult(directory.State.Keys.TryGetValue(id, out var entry) ? entry.KeyHash : null);
}
