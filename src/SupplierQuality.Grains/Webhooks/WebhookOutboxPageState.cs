namespace SupplierQuality.Grains.Webhooks;

/// <summary>A stored outbox page: at most <see cref="WebhookOutbox.PageSize"/> events, in sequence order.</summary>
[GenerateSerializer, Alias("SupplierQuality.Webhooks.WebhookOutboxPageState")]
public sealed class WebhookOutboxPageState
{
    [Id(0)]
    public List<WebhookEvent> Events { get; set; } = [];
}
