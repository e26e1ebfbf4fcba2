using Microsoft.Extensions.Options;

namespace SupplierQuality.Grains.Webhooks;

[GrainType("webhook-queue")]
public sealed class WebhookQueueGrain(
    [PersistentState("webhookqueue")] IPersistentState<WebhookQueueState> state,
    IOptions<WebhookOptions> options,
    TimeProvider time) : Grain, IWebhookQueueGrain
{
    /// <summary>The next sequence number to give.</summary>
    private long _tail;

    /// <summary>The endpoint's head as last heard: events from here to the tail wait.</summary>
    private long _head;

    private long _pageNumber;

    /// <summary>The events of page <see cref="_pageNumber"/>, the one the tail is in (or just filled).</summary>
    private List<WebhookEvent> _page = [];

    private Guid EndpointId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The endpoint answers this at once (it interleaves), even in the middle of a delivery. A page is cleared only
        // after the head passed it, so starting from the later of the two never lands on a cleared page.
        _head = await GrainFactory.GetWebhookEndpoint(EndpointId).GetHeadAsync();
        _pageNumber = WebhookOutbox.PageOf(Math.Max(state.State.PageStart, _head));
        _page = [.. await GrainFactory.GetOutboxPage(EndpointId, _pageNumber).GetAsync()];
        while (_page.Count == WebhookOutbox.PageSize)
        {
            _pageNumber++;
            _page = [.. await GrainFactory.GetOutboxPage(EndpointId, _pageNumber).GetAsync()];
        }

        _tail = (_pageNumber * WebhookOutbox.PageSize) + _page.Count;
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<int> EnqueueAsync(IReadOnlyList<WebhookEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (state.State.Closed)
        {
            return 0;
        }

        try
        {
            var batch = new List<WebhookEvent>();
            int queued = 0, dropped = 0;
            foreach (var e in events)
            {
                if (_page.Exists(q => q.Id == e.Id) || batch.Exists(q => q.Id == e.Id))
                {
                    continue;
                }

                if (_tail + batch.Count - _head >= options.Value.MaxPending)
                {
                    dropped++;
                    continue;
                }

                if (_page.Count + batch.Count == WebhookOutbox.PageSize)
                {
                    queued += await FlushAsync(batch);
                    await StartNextPageAsync();
                }

                batch.Add(e);
            }

            queued += await FlushAsync(batch);
            if (dropped > 0)
            {
                state.State.Dropped += dropped;
                state.State.LastDroppedAt = time.GetUtcNow();
                await state.WriteStateAsync();
            }

            if (queued > 0)
            {
                await GrainFactory.GetWebhookEndpoint(EndpointId).NudgeAsync();
            }

            return queued;
        }
        catch
        {
            // Memory may be ahead of storage: the next activation reads the pages again.
            DeactivateOnIdle();
            throw;
        }
    }

    public Task HeadMovedAsync(long head)
    {
        _head = Math.Max(_head, head);
        return Task.CompletedTask;
    }

    public Task<WebhookQueueStats> GetStatsAsync() =>
        Task.FromResult(new WebhookQueueStats(_tail, state.State.Dropped, state.State.LastDroppedAt));

    public async Task<long> CloseAsync()
    {
        if (!state.State.Closed)
        {
            state.State.Closed = true;
            await state.WriteOrDeactivateAsync(this);
        }

        return _tail;
    }

    private async Task<int> FlushAsync(List<WebhookEvent> batch)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await GrainFactory.GetOutboxPage(EndpointId, _pageNumber).PutAsync(_page.Count, batch);
        _page.AddRange(batch);
        _tail += batch.Count;
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    /// <summary>Records where the new page starts before its first event is written, so an activation finds it.</summary>
    private async Task StartNextPageAsync()
    {
        state.State.PageStart = _tail;
        await state.WriteStateAsync();
        _pageNumber++;
        _page = [];
    }
}
