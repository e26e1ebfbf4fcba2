using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Webhooks;

[GrainType("webhook-registry")]
public sealed class WebhookRegistryGrain(
    [PersistentState("webhookregistry")] IPersistentState<WebhookRegistryState> state,
    TimeProvider time) : Grain, IWebhookRegistryGrain
{
    private List<WebhookSubscription> Endpoints => state.State.Endpoints;

    public async Task<CommandResult<WebhookEndpointCreated>> RegisterAsync(WebhookEndpointInput input, string by, Guid? registrationId = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var (normalized, errors) = WebhookInput.Normalize(input);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid<WebhookEndpointCreated>(errors);
        }

        var id = registrationId ?? Guid.NewGuid();
        var listed = Endpoints.Exists(e => e.Id == id);
        if (!listed && Endpoints.Count >= WebhookInput.MaxEndpoints)
        {
            return CommandResult.Conflict<WebhookEndpointCreated>($"There are {WebhookInput.MaxEndpoints} endpoints already, the most allowed: delete one first.");
        }

        // The endpoint first: a crash before the registry's write leaves an endpoint nobody lists or sends to, which
        // the same registration again lists.
        var created = await GrainFactory.GetWebhookEndpoint(id).CreateAsync(new WebhookEndpointDefinition(
            normalized.Url!, normalized.Events!, normalized.Description, WebhookInput.NewSecret(), by, time.GetUtcNow()));
        if (!created.Succeeded)
        {
            return CommandResult.Conflict<WebhookEndpointCreated>(created.Message ?? "The endpoint could not be created.");
        }

        if (!listed)
        {
            Endpoints.Add(new WebhookSubscription { Id = id, Events = [.. normalized.Events!] });
            await state.WriteOrDeactivateAsync(this);
        }

        return created.Outcome == CommandOutcome.Created ? CommandResult.Created(created.Value!) : CommandResult.Ok(created.Value!);
    }

    public async Task<IReadOnlyList<WebhookEndpointInfo>> ListAsync()
    {
        var infos = await Task.WhenAll(Endpoints.Select(e => GrainFactory.GetWebhookEndpoint(e.Id).GetAsync()));
        return [.. infos.OfType<WebhookEndpointInfo>()];
    }

    public async Task<WebhookEndpointInfo?> GetAsync(Guid id) =>
        Endpoints.Exists(e => e.Id == id) ? await GrainFactory.GetWebhookEndpoint(id).GetAsync() : null;

    public async Task<CommandResult<WebhookEndpointInfo>> EnableAsync(Guid id, bool discardWaiting) =>
        Endpoints.Exists(e => e.Id == id)
            ? await GrainFactory.GetWebhookEndpoint(id).EnableAsync(discardWaiting)
            : CommandResult.NotFound<WebhookEndpointInfo>();

    public async Task<CommandResult<WebhookEndpointInfo>> DeleteAsync(Guid id)
    {
        if (Endpoints.Find(e => e.Id == id) is not { } entry)
        {
            return CommandResult.NotFound<WebhookEndpointInfo>();
        }

        // The endpoint first (it closes its queue), so a failure here leaves it listed and the delete can be repeated.
        var deleted = await GrainFactory.GetWebhookEndpoint(id).DeleteAsync();
        Endpoints.Remove(entry);
        await state.WriteOrDeactivateAsync(this);
        return deleted;
    }

    public async Task PublishAsync(IReadOnlyList<WebhookEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        await Task.WhenAll(Endpoints
            .Select(e => (e.Id, Wanted: events.Where(x => e.Events.Contains(x.Type)).ToList()))
            .Where(e => e.Wanted.Count > 0)
            .Select(e => GrainFactory.GetWebhookQueue(e.Id).EnqueueAsync(e.Wanted)));
    }
}
