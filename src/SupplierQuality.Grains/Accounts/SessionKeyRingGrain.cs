namespace SupplierQuality.Grains.Accounts;

[GrainType("session-key-ring")]
internal sealed class SessionKeyRingGrain(
    [PersistentState("keyring")] IPersistentState<SessionKeyRingState> ring) : Grain, ISessionKeyRingGrain
{
    public Task<IReadOnlyList<string>> GetAll() =>
        Task.FromResult<IReadOnlyList<string>>([.. ring.State.Keys.Select(k => k.Value)]);

    public async Task Store(string friendlyName, string xml)
    {
        if (ring.State.Keys.Any(k => k.Key == friendlyName))
        {
            return;
        }

        ring.State.Keys.Add(new(friendlyName, xml));
        await ring.WriteOrDeactivateAsync(this);
    }
}
