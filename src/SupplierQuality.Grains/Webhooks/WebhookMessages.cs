using System.Text.Json.Serialization;

namespace SupplierQuality.Grains.Webhooks;

/// <summary>What an admin asks for: where to post, which events, and a note for people.</summary>
/// <param name="Events">Names from <see cref="WebhookEventTypes.All"/>; at least one.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Webhooks.WebhookEndpointInput")]
public sealed record WebhookEndpointInput(
    [property: Id(0)] string? Url,
    [property: Id(1)] IReadOnlyList<string>? Events,
    [property: Id(2)] string? Description = null);

/// <summary>Whether an endpoint gets deliveries. Sent by name.</summary>
[GenerateSerializer, Alias("SupplierQuality.Webhooks.WebhookEndpointStatus")]
[JsonConverter(typeof(JsonStringEnumConverter<WebhookEndpointStatus>))]
public enum WebhookEndpointStatus
{
    Active = 0,

    /// <summary>Failing for a day, so deliveries stopped; events still queue (up to the bound) until an admin enables it.</summary>
    Disabled = 1,
}

/// <summary>
/// An endpoint as admins see it: what it receives, and how delivery goes. Never holds the secret.
/// </summary>
/// <param name="Pending">Events queued and not yet delivered, the one being retried included.</param>
/// <param name="Dropped">Events never queued because the queue was full (see <see cref="WebhookOptions.MaxPending"/>).</param>
/// <param name="Attempts">Failed attempts at the event at the head of the queue; 0 when the last attempt succeeded.</param>
/// <param name="FailingSince">The first failed attempt since the last success; a day of failing disables the endpoint.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Webhooks.WebhookEndpointInfo")]
public sealed record WebhookEndpointInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] string? Description,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] WebhookEndpointStatus Status,
    [property: Id(7)] DateTimeOffset? DisabledAt,
    [property: Id(8)] string? DisabledReason,
    [property: Id(9)] long Pending,
    [property: Id(10)] long Delivered,
    [property: Id(11)] DateTimeOffset? LastDeliveredAt,
    [property: Id(12)] long Dropped,
    [property: Id(13)] DateTimeOffset? LastDroppedAt,
    [property: Id(14)] int Attempts,
    [property: Id(15)] DateTimeOffset? FailingSince,
    [property: Id(16)] DateTimeOffset? LastAttemptAt,
    [property: Id(17)] DateTimeOffset? NextAttemptAt,
    [property: Id(18)] string? LastError);

/// <summary>The answer to a registration: the endpoint and its signing secret, which is shown this once.</summary>
/// <param name="Secret"><c>whsec_</c> and the base64 of 32 random bytes: the receiver checks signatures with it.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Webhooks.WebhookEndpointCreated")]
public sealed record WebhookEndpointCreated(
    [property: Id(0)] WebhookEndpointInfo Endpoint,
    [property: Id(1)] string Secret);

/// <summary>What an endpoint grain is created with: the validated input, its secret, and who registered it when.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Webhooks.WebhookEndpointDefinition")]
public sealed record WebhookEndpointDefinition(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> Events,
    [property: Id(2)] string? Description,
    [property: Id(3)] string Secret,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] DateTimeOffset CreatedAt);

/// <summary>What a queue holds beside its events: where it ends and what it had to drop.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Webhooks.WebhookQueueStats")]
public sealed record WebhookQueueStats(
    [property: Id(0)] long Tail,
    [property: Id(1)] long Dropped,
    [property: Id(2)] DateTimeOffset? LastDroppedAt);
