using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Suppliers;

// The name Orleans gave it by convention before it was written down: stored state is keyed by it.
[GrainType("supplier")]
public sealed class SupplierGrain(
    [PersistentState("supplier")] IPersistentState<SupplierState> state,
    TimeProvider time) : Grain, ISupplierGrain
{
    public async Task<CommandResult<SupplierDetails>> CreateAsync(CreateSupplier command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = await CreateAsync(command.Profile);

        // Also on a retry (Ok): its first attempt may have failed between the state write and the directory push.
        await PublishAsync(result);
        return result;
    }

    public async Task<CommandResult<SupplierDetails>> UpdateAsync(UpdateSupplier command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = await UpdateAsync(command.ExpectedVersion, command.Profile);
        await PublishAsync(result);
        return result;
    }

    public Task<CommandResult<SupplierDetails>> ImportAsync(SupplierImportChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Action == SupplierImportAction.Create
            ? CreateAsync(change.Profile)
            : UpdateAsync(change.ExpectedVersion, change.Profile);
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

    private async Task<CommandResult<SupplierDetails>> CreateAsync(SupplierProfile given)
    {
        var profile = SupplierInput.Normalize(given);
        var errors = SupplierInput.Validate(profile);
        if (profile.ExternalId is { } externalId && errors.Count == 0 && SupplierIds.FromExternalId(externalId) != this.GetPrimaryKey())
        {
            // Otherwise a later push of that external id would land on another grain and duplicate the supplier.
            errors["externalId"] = ["This external id belongs to another supplier id."];
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid<SupplierDetails>(errors);
        }

        if (state.State.ToProfile() is { } existing)
        {
            return existing.Equals(profile)
                ? CommandResult.Ok(Details())
                : CommandResult.Conflict<SupplierDetails>("A supplier with this id already exists with other details.", Details());
        }

        var now = time.GetUtcNow();
        state.State.Set(profile);
        state.State.Version = 1;
        state.State.CreatedAt = now;
        state.State.UpdatedAt = now;
        await state.WriteOrDeactivateAsync(this);
        return CommandResult.Created(Details());
    }

    private async Task<CommandResult<SupplierDetails>> UpdateAsync(int expectedVersion, SupplierProfile given)
    {
        if (state.State.ToProfile() is not { } existing)
        {
            return CommandResult.NotFound<SupplierDetails>();
        }

        var profile = SupplierInput.Normalize(given);
        var errors = SupplierInput.Validate(profile);
        if (profile.ExternalId is not null && profile.ExternalId != existing.ExternalId)
        {
            errors["externalId"] = ["The external id cannot be changed."];
        }

        if (errors.Count > 0)
        {
            return CommandResult.Invalid<SupplierDetails>(errors);
        }

        profile = profile with { ExternalId = existing.ExternalId };
        if (profile.Equals(existing))
        {
            // Nothing to change, so nobody's change can be lost: a retried update whose answer went missing
            // gets its success instead of a conflict against its own first attempt.
            return CommandResult.Ok(Details());
        }

        if (expectedVersion != state.State.Version)
        {
            return CommandResult.Conflict<SupplierDetails>(
                $"The supplier was changed by someone else (now version {state.State.Version}, expected {expectedVersion}).",
                Details());
        }

        state.State.Set(profile);
        state.State.Version++;
        state.State.UpdatedAt = time.GetUtcNow();
        await state.WriteOrDeactivateAsync(this);
        return CommandResult.Ok(Details());
    }

    /// <summary>
    /// Brings this supplier's directory entry to the stored version (idempotent). Before answering, so a supplier
    /// reported as saved is listed; after a conflict too, which repairs an entry an interrupted import left behind.
    /// </summary>
    private Task PublishAsync(CommandResult<SupplierDetails> result) =>
        result.Value is { } supplier ? GrainFactory.PublishAsync([SupplierDirectoryEntry.Of(supplier)]) : Task.CompletedTask;

    private SupplierDetails Details()
    {
        var s = state.State;
        return new SupplierDetails(this.GetPrimaryKey(), s.Name, s.Category, s.ExternalId, s.Status, s.Contacts.ToArray(), s.Version, s.CreatedAt, s.UpdatedAt)
        {
            UndeliverableEmails = s.Contacts.Where(c => s.Undeliverable.ContainsKey(c.Email.ToUpperInvariant())).Select(c => c.Email).ToArray(),
        };
    }
}
