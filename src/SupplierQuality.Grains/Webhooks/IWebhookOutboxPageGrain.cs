namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// One page of an endpoint's outbox, keyed <c>{endpoint id:N}/{page number}</c>: the events of sequence numbers
/// page × <see cref="WebhookOutbox.PageSize"/> onwards, at most <see cref="WebhookOutbox.PageSize"/>. Written by the
/// endpoint's queue, read and cleared by the endpoint once delivered. Splitting the outbox into pages keeps each write
/// small however long the queue grows.
/// </summary>
[Alias("SupplierQuality.Webhooks.IWebhookOutboxPageGrain")]
public interface IWebhookOutboxPageGrain : IGrainWithStringKey
{
    /// <summary>Keeps the first <paramref name="index"/> events, puts these after them and writes the page before answering.</summary>
    [Alias("Put")]
    Task PutAsync(int index, IReadOnlyList<WebhookEvent> events);

    [Alias("Get")]
    Task<IReadOnlyList<WebhookEvent>> GetAsync();

    /// <summary>Removes the stored page: every event of it was delivered or discarded.</summary>
    [Alias("Clear")]
    Task ClearAsync();
}
