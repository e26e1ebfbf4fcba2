namespace SupplierQuality.Grains.Suppliers;

/// <summary>
/// The stored supplier. Its own shape, not <see cref="SupplierProfile"/>: storage writes JSON with type names, so
/// every collection here has a concrete type that reads back on any node.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Suppliers.SupplierState")]
public sealed class SupplierState
{
    /// <summary>0 until the supplier is created; one more with every change.</summary>
    [Id(0)]
    public int Version { get; set; }

    [Id(1)]
    public string Name { get; set; } = string.Empty;

    [Id(2)]
    public string? Category { get; set; }

    [Id(3)]
    public string? ExternalId { get; set; }

    [Id(4)]
    public SupplierStatus Status { get; set; }

    [Id(5)]
    public List<SupplierContact> Contacts { get; set; } = [];

    [Id(6)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(7)]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Addresses that bounced for good, upper case, with the reason; at most <see cref="MaxUndeliverable"/>.</summary>
    [Id(8)]
    public Dictionary<string, string> Undeliverable { get; set; } = [];

    public const int MaxUndeliverable = 100;

    public SupplierProfile? ToProfile() =>
        Version == 0 ? null : new SupplierProfile(Name, Category, ExternalId, Status, Contacts);

    public void Set(SupplierProfile profile)
    {
        Name = profile.Name;
        Category = profile.Category;
        ExternalId = profile.ExternalId;
        Status = profile.Status;
        Contacts = [.. profile.Contacts];
    }
}

public sealed class SupplierGrain(
    [PersistentState("supplier")] IPersistentState<SupplierState> state,
    TimeProvider time) : Grain, ISupplierGrain
{
    public async Task<SupplierResult> CreateAsync(CreateSupplier command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var profile = SupplierInput.Normalize(command.Profile);
        var errors = SupplierInput.Validate(profile);
        if (profile.ExternalId is { } externalId && errors.Count == 0 && SupplierIds.FromExternalId(externalId) != this.GetPrimaryKey())
        {
            // Otherwise a later push of that external id would land on another grain and duplicate the supplier.
            errors["externalId"] = ["This external id belongs to another supplier id."];
        }

        if (errors.Count > 0)
        {
            return SupplierResult.Invalid(errors);
        }

        if (state.State.ToProfile() is { } existing)
        {
            if (!existing.Equals(profile))
            {
                return SupplierResult.Conflict(Details(), "A supplier with this id already exists with other details.");
            }

            // A retry: its first attempt may have failed between the state write and the directory push.
            await PublishAsync();
            return SupplierResult.Ok(Details());
        }

        var now = time.GetUtcNow();
        state.State.Set(profile);
        state.State.Version = 1;
        state.State.CreatedAt = now;
        state.State.UpdatedAt = now;
        await state.WriteOrDeactivateAsync(this);
        await PublishAsync();
        return SupplierResult.Created(Details());
    }

    public async Task<SupplierResult> UpdateAsync(UpdateSupplier command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state.State.ToProfile() is not { } existing)
        {
            return SupplierResult.NotFound();
        }

        var profile = SupplierInput.Normalize(command.Profile);
        var errors = SupplierInput.Validate(profile);
        if (profile.ExternalId is not null && profile.ExternalId != existing.ExternalId)
        {
            errors["externalId"] = ["The external id cannot be changed."];
        }

        if (errors.Count > 0)
        {
            return SupplierResult.Invalid(errors);
        }

        profile = profile with { ExternalId = existing.ExternalId };
        if (profile.Equals(existing))
        {
            // Nothing to change, so nobody's change can be lost: a retried update whose answer went missing
            // gets its success instead of a conflict against its own first attempt.
            await PublishAsync();
            return SupplierResult.Ok(Details());
        }

        if (command.ExpectedVersion != state.State.Version)
        {
            return SupplierResult.Conflict(
                Details(),
                $"The supplier was changed by someone else (now version {state.State.Version}, expected {command.ExpectedVersion}).");
        }

        state.State.Set(profile);
        state.State.Version++;
        state.State.UpdatedAt = time.GetUtcNow();
        await state.WriteOrDeactivateAsync(this);
        await PublishAsync();
        return SupplierResult.Ok(Details());
    }

    public async Task MarkEmailUndeliverableAsync(string email, string reason)
    {
        ArgumentNullException.ThrowIfNull(email);
        var key = email.Trim().ToUpperInvariant();
        var s = state.State;
        if (s.Version == 0 || s.Undeliverable.ContainsKey(key) || s.Undeliverable.Count >= SupplierState.MaxUndeliverable)
        {
            return;
        }

        s.Undeliverable[key] = reason is { Length: > 200 } ? reason[..200] : reason ?? string.Empty;
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<SupplierDetails?> GetAsync() =>
        Task.FromResult(state.State.Version == 0 ? null : Details());

    /// <summary>Brings this supplier's directory entry to the current version (idempotent).</summary>
    private Task PublishAsync()
    {
        var s = state.State;
        var id = this.GetPrimaryKey();
        return GrainFactory.ShardFor(id).UpsertAsync(new SupplierDirectoryEntry(id, s.Name, s.Category, s.Status, s.Version));
    }

    private SupplierDetails Details()
    {
        var s = state.State;
        return new SupplierDetails(this.GetPrimaryKey(), s.Name, s.Category, s.ExternalId, s.Status, s.Contacts.ToArray(), s.Version, s.CreatedAt, s.UpdatedAt)
        {
            UndeliverableEmails = s.Contacts.Where(c => s.Undeliverable.ContainsKey(c.Email.ToUpperInvariant())).Select(c => c.Email).ToArray(),
        };
    }
}
