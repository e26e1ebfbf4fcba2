namespace SupplierQuality.Grains.Accounts;

[GrainType("api-key")]
internal sealed class ApiKeyGrain(
    [PersistentState("apikey")] IPersistentState<ApiKeyState> key,
    TimeProvider time) : Grain, IApiKeyGrain
{
    public const int MaxNameLength = 100;

    private bool Exists => key.State.Name.Length > 0;

    public async Task<ApiKeyInfo> Create(NewApiKey request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Exists)
        {
            await PublishAsync();
            return Info();
        }

        if (!ApiKeyToken.IsHash(this.GetPrimaryKeyString()))
        {
            throw new ArgumentException("An API key grain is keyed by the lower-case hex SHA-256 of the key.", nameof(request));
        }

        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ArgumentException($"An API key needs a name of 1 to {MaxNameLength} characters.", nameof(request));
        }

        if (!Roles.IsKnown(request.Role))
        {
            throw new ArgumentException($"Unknown role '{request.Role}'.", nameof(request));
        }

        key.State.Name = name;
        key.State.Role = request.Role;
        key.State.CreatedBy = request.CreatedBy;
        key.State.CreatedAt = time.GetUtcNow();
        await key.WriteOrDeactivateAsync(this);
        await PublishAsync();
        return Info();
    }

    public Task<ApiKeyInfo?> GetInfo() => Task.FromResult(Exists ? Info() : null);

    public async Task<ApiKeyInfo?> Revoke(string revokedBy)
    {
        if (!Exists)
        {
            return null;
        }

        if (key.State.RevokedAt is null)
        {
            key.State.RevokedAt = time.GetUtcNow();
            key.State.RevokedBy = revokedBy;
            await key.WriteOrDeactivateAsync(this);
        }

        // Also on a repeated call, in case the directory missed it the first time.
        await PublishAsync();
        return Info();
    }

    private ApiKeyInfo Info() => new(
        ApiKeyToken.ShortId(this.GetPrimaryKeyString()),
        key.State.Name,
        key.State.Role,
        key.State.CreatedBy,
        key.State.CreatedAt,
        key.State.RevokedAt,
        key.State.RevokedBy);

    private Task PublishAsync() => GrainFactory.GetApiKeyDirectory().Upsert(this.GetPrimaryKeyString(), Info());
}
