namespace SupplierQuality.Grains.Webhooks;

/// <summary>The stored registry: a line per endpoint, at most <see cref="WebhookInput.MaxEndpoints"/>.</summary>
[GenerateSerializer, Alias("SupplierQuality.Webhooks.WebhookRegistryState")]
public sealed class WebhookRegistryState
{
    [Id(0)]
    public List<WebhookSubscription> Endpoints { get; set; } = [];
}

/// <summary>What the fan-out needs of an endpoint: its id and the events it wants.</summary>
[GenerateSerializer, Alias("SupplierQuality.Webhooks.WebhookSubscription")]
public sealed class WebhookSubscription
{
    [Id(0)]
    public Guid Id { get; set; }

    [Id(1)]
    public List<string> Events { get; set; } = [];
}
