namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// How an endpoint's outbox is laid out: events are numbered from 0 in the order they were queued, and event n lives
/// in page n / <see cref="PageSize"/>. The queue grain owns the tail (the next number), the endpoint grain the head
/// (the next to deliver).
/// </summary>
public static class WebhookOutbox
{
    /// <summary>Events per page: a queued event rewrites at most this many (a few kilobytes each write).</summary>
    public const int PageSize = 25;

    public static long PageOf(long sequence) => sequence / PageSize;

    public static int IndexOf(long sequence) => (int)(sequence % PageSize);

    public static IWebhookOutboxPageGrain GetOutboxPage(this IGrainFactory grains, Guid endpointId, long page)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IWebhookOutboxPageGrain>(FormattableString.Invariant($"{endpointId:N}/{page}"));
    }

    public static IWebhookQueueGrain GetWebhookQueue(this IGrainFactory grains, Guid endpointId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IWebhookQueueGrain>(endpointId);
    }

    public static IWebhookEndpointGrain GetWebhookEndpoint(this IGrainFactory grains, Guid endpointId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IWebhookEndpointGrain>(endpointId);
    }

    public static IWebhookRegistryGrain GetWebhookRegistry(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IWebhookRegistryGrain>(0);
    }

    /// <summary>Hands events to every endpoint that subscribed to them; answers once each has queued them durably.</summary>
    public static Task PublishWebhooksAsync(this IGrainFactory grains, params WebhookEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetWebhookRegistry().PublishAsync(events);
    }
}
