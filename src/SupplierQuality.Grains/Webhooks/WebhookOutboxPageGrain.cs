namespace SupplierQuality.Grains.Webhooks;

[GrainType("webhook-outbox-page")]
public sealed class WebhookOutboxPageGrain(
    [PersistentState("webhookpage")] IPersistentState<WebhookOutboxPageState> state) : Grain, IWebhookOutboxPageGrain
{
    public async Task PutAsync(int index, IReadOnlyList<WebhookEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var page = state.State.Events;
        if (index > page.Count || index + events.Count > WebhookOutbox.PageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Page {this.GetPrimaryKeyString()} holds {page.Count} events; {events.Count} cannot go at {index}.");
        }

        // Events past the index were never acknowledged (a write whose answer was lost): they give way.
        state.State.Events = [.. page.Take(index), .. events];
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<WebhookEvent>> GetAsync() => Task.FromResult<IReadOnlyList<WebhookEvent>>([.. state.State.Events]);

    public async Task ClearAsync()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}
