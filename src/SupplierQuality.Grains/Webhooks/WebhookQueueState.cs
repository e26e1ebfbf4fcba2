namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// What a queue stores beside its pages. The tail itself is not written per event: the pages hold the events, and an
/// activation finds the tail by reading forward from <see cref="PageStart"/> (or the endpoint's head, if later).
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Webhooks.WebhookQueueState")]
public sealed class WebhookQueueState
{
    /// <summary>The first sequence number of the newest page started; written before that page's first event.</summary>
    [Id(0)]
    public long PageStart { get; set; }

    /// <summary>Events refused because <see cref="WebhookOptions.MaxPending"/> were waiting.</summary>
    [Id(1)]
    public long Dropped { get; set; }

    [Id(2)]
    public DateTimeOffset? LastDroppedAt { get; set; }

    /// <summary>The endpoint was deleted: events are no longer taken.</summary>
    [Id(3)]
    public bool Closed { get; set; }
}
