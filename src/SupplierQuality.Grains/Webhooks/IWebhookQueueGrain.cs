namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// The writing end of one endpoint's outbox (keyed by the endpoint id): it numbers events and writes them to outbox
/// pages before it answers, so a queued event survives any crash. It never waits on a receiver: the endpoint grain
/// delivers, so a slow receiver never slows the survey or whatever emitted the event.
/// </summary>
[Alias("SupplierQuality.Webhooks.IWebhookQueueGrain")]
public interface IWebhookQueueGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Queues the events in order and writes them before answering. An event whose id is among the newest queued
    /// (the current page) is queued once; beyond <see cref="WebhookOptions.MaxPending"/> waiting, events are dropped
    /// and counted. After <see cref="CloseAsync"/> nothing is queued. Returns how many were queued.
    /// </summary>
    [Alias("Enqueue")]
    Task<int> EnqueueAsync(IReadOnlyList<WebhookEvent> events);

    /// <summary>The endpoint delivered up to here (exclusive): what waits is counted against the bound from it.</summary>
    [Alias("HeadMoved"), Orleans.Concurrency.OneWay]
    Task HeadMovedAsync(long head);

    [Alias("Stats")]
    Task<WebhookQueueStats> GetStatsAsync();

    /// <summary>Takes no more events (the endpoint is deleted); returns the tail, the number of events ever queued.</summary>
    [Alias("Close")]
    Task<long> CloseAsync();
}
