using Orleans.Concurrency;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// The installation's webhook endpoints (key 0): which exist and which events each wants, at most
/// <see cref="WebhookInput.MaxEndpoints"/>. Fans each event out to the queues of the endpoints subscribed to it.
/// </summary>
[Alias("SupplierQuality.Webhooks.IWebhookRegistryGrain")]
public interface IWebhookRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Registers a new endpoint with a new secret, which the answer carries and nothing shows again. Invalid input is
    /// <see cref="CommandOutcome.Invalid"/> with field errors (<c>url</c>, <c>events</c>, <c>description</c>); a full
    /// registry is <see cref="CommandOutcome.Conflict"/>. With a <paramref name="registrationId"/> (the caller's
    /// idempotency key), the same registration again answers <see cref="CommandOutcome.Ok"/> with the endpoint it made
    /// and its secret (the caller that lost the first answer needs it), and another registration under that id is a
    /// conflict; without one, each call makes another endpoint.
    /// </summary>
    [Alias("Register")]
    Task<CommandResult<WebhookEndpointCreated>> RegisterAsync(WebhookEndpointInput input, string by, Guid? registrationId = null);

    /// <summary>Every endpoint, oldest first, with its delivery figures.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<WebhookEndpointInfo>> ListAsync();

    /// <summary>One endpoint; null when not registered.</summary>
    [Alias("Get"), ReadOnly]
    Task<WebhookEndpointInfo?> GetAsync(Guid id);

    /// <summary>See <see cref="IWebhookEndpointGrain.EnableAsync"/>; <see cref="CommandOutcome.NotFound"/> when not registered.</summary>
    [Alias("Enable")]
    Task<CommandResult<WebhookEndpointInfo>> EnableAsync(Guid id, bool discardWaiting);

    /// <summary>Deletes the endpoint and its waiting events; <see cref="CommandOutcome.NotFound"/> when not registered.</summary>
    [Alias("Delete")]
    Task<CommandResult<WebhookEndpointInfo>> DeleteAsync(Guid id);

    /// <summary>
    /// Queues each event at every endpoint subscribed to its type (in order) and answers once all have written them:
    /// acknowledged means queued. Emit again after a failure: the same event id is queued once.
    /// </summary>
    [Alias("Publish"), ReadOnly]
    Task PublishAsync(IReadOnlyList<WebhookEvent> events);
}
