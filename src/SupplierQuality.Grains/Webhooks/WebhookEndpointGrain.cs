using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Telemetry;

namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// The delivery state machine of one endpoint. A timer delivers (one event at a time, head first); the reminder only
/// makes sure a timer runs, on whichever node holds the endpoint. Posting is <see cref="IWebhookSender"/>'s job.
/// </summary>
[GrainType("webhook-endpoint")]
public sealed class WebhookEndpointGrain(
    [PersistentState("webhookendpoint")] IPersistentState<WebhookEndpointState> state,
    IWebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookEndpointGrain> logger) : Grain, IWebhookEndpointGrain, IRemindable
{
    private const string TickReminder = "deliver";

    /// <summary>Posts in one turn at most; the turn also ends after <see cref="TurnBudget"/>, so commands are not kept waiting.</summary>
    private const int MaxPostsPerTurn = 50;

    private static readonly TimeSpan TurnBudget = TimeSpan.FromSeconds(5);

    private IGrainTimer? _timer;

    /// <summary>The events of the head's page as last read (<see cref="_pageNumber"/>).</summary>
    private List<WebhookEvent>? _page;

    private long _pageNumber = -1;

    private Guid Id => this.GetPrimaryKey();

    private bool Live => state.State.Created && !state.State.Deleted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Live)
        {
            // A crash between the create's write and the reminder's would leave an endpoint nobody wakes.
            if (await this.GetReminder(TickReminder, cancellationToken) is null)
            {
                await this.RegisterOrUpdateReminder(TickReminder, options.Value.TickPeriod, options.Value.TickPeriod, cancellationToken);
            }

            Schedule();
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<CommandResult<WebhookEndpointCreated>> CreateAsync(WebhookEndpointDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var s = state.State;
        if (s.Created)
        {
            if (s.Deleted)
            {
                return CommandResult.Conflict<WebhookEndpointCreated>("This registration made an endpoint that has been deleted since.");
            }

            var same = s.Url == definition.Url && s.Events.SequenceEqual(definition.Events) && s.Description == definition.Description;
            return same
                ? CommandResult.Ok(new WebhookEndpointCreated(await InfoAsync(), s.Secret))
                : CommandResult.Conflict<WebhookEndpointCreated>("This registration made an endpoint with other details.");
        }

        s.Url = definition.Url;
        s.Events = [.. definition.Events];
        s.Description = definition.Description;
        s.Secret = definition.Secret;
        s.CreatedBy = definition.CreatedBy;
        s.CreatedAt = definition.CreatedAt;
        s.Created = true;
        await state.WriteOrDeactivateAsync(this);
        await this.RegisterOrUpdateReminder(TickReminder, options.Value.TickPeriod, options.Value.TickPeriod);
        return CommandResult.Created(new WebhookEndpointCreated(await InfoAsync(), s.Secret));
    }

    public async Task<WebhookEndpointInfo?> GetAsync() => Live ? await InfoAsync() : null;

    public Task<long> GetHeadAsync() => Task.FromResult(state.State.Head);

    public async Task<CommandResult<WebhookEndpointInfo>> EnableAsync(bool discardWaiting)
    {
        var s = state.State;
        if (!Live)
        {
            return CommandResult.NotFound<WebhookEndpointInfo>();
        }

        var from = s.Head;
        if (discardWaiting)
        {
            s.Head = Math.Max(s.Head, (await GrainFactory.GetWebhookQueue(Id).GetStatsAsync()).Tail);
        }

        // A disabled endpoint starts a new day of retries; an active one only skips the wait, so "try again now"
        // cannot put off its disabling. Discarded events take their failures with them.
        if (s.Disabled || s.Head != from)
        {
            s.Attempts = 0;
            s.FailingSince = null;
            s.LastError = null;
        }

        s.Disabled = false;
        s.DisabledAt = null;
        s.DisabledReason = null;
        s.NextAttemptAt = null;
        await state.WriteOrDeactivateAsync(this);
        await HeadMovedAsync(from);
        Reschedule();
        return CommandResult.Ok(await InfoAsync());
    }

    public async Task<CommandResult<WebhookEndpointInfo>> DeleteAsync()
    {
        var s = state.State;
        if (!s.Created)
        {
            return CommandResult.NotFound<WebhookEndpointInfo>();
        }

        var info = await InfoAsync();
        if (!s.Deleted)
        {
            var tail = await GrainFactory.GetWebhookQueue(Id).CloseAsync();
            var from = s.Head;
            s.Head = Math.Max(s.Head, tail);
            s.Deleted = true;
            await state.WriteOrDeactivateAsync(this);
            await ClearPagesAsync(from, s.Head + WebhookOutbox.PageSize);
        }

        _timer?.Dispose();
        _timer = null;
        if (await this.GetReminder(TickReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return CommandResult.Ok(info);
    }

    public Task NudgeAsync()
    {
        // A running timer is either about to deliver or waiting out a retry: a new event changes neither.
        if (_timer is null)
        {
            Schedule();
        }

        return Task.CompletedTask;
    }

    public async Task RunAsync()
    {
        _timer?.Dispose();
        _timer = null;
        await DeliverAsync(CancellationToken.None);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Again from the stored times: after a clock jump the waiting timer may be far off.
        Reschedule();
        return Task.CompletedTask;
    }

    private void Reschedule()
    {
        _timer?.Dispose();
        _timer = null;
        Schedule();
    }

    /// <summary>A timer for the next attempt: now, or when the retry's wait ends. None while disabled.</summary>
    private void Schedule()
    {
        var s = state.State;
        if (!Live || s.Disabled || _timer is not null)
        {
            return;
        }

        var wait = s.NextAttemptAt is { } next ? next - time.GetUtcNow() : TimeSpan.Zero;
        _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan));
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        // Disposed only when done: disposing a timer cancels the token its running callback was given.
        var fired = _timer;
        _timer = null;
        try
        {
            await DeliverAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The stored head is where the next tick starts; the reminder brings it.
            logger.LogError(e, "Webhook endpoint {Endpoint}: delivery failed; the next tick retries.", Id);
        }
        finally
        {
            fired?.Dispose();
        }
    }

    /// <summary>Posts the head and those after it while they succeed, then writes the head once.</summary>
    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (!Live || s.Disabled)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var from = s.Head;
        var attempted = false;
        var more = false;
        for (var posts = 0; ; posts++)
        {
            if (posts == MaxPostsPerTurn || Stopwatch.GetElapsedTime(started) > TurnBudget)
            {
                more = true;
                break;
            }

            if (s.NextAttemptAt is { } next && time.GetUtcNow() < next)
            {
                break;
            }

            if (await HeadEventAsync() is not { } head)
            {
                break;
            }

            var result = await sender.SendAsync(new WebhookPost(s.Url, s.Secret, head), cancellationToken);
            var now = time.GetUtcNow();
            s.LastAttemptAt = now;
            attempted = true;
            if (result.Delivered)
            {
                s.Head++;
                s.Delivered++;
                s.LastDeliveredAt = now;
                s.Attempts = 0;
                s.FailingSince = null;
                s.NextAttemptAt = null;
                s.LastError = null;
                ProductMetrics.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("event", head.Type));
                continue;
            }

            s.Attempts++;
            s.FailingSince ??= now;
            s.LastError = result.Error;
            ProductMetrics.WebhookFailures.Add(1, new KeyValuePair<string, object?>("reason", result.Failure ?? "status"));
            if (now - s.FailingSince.Value >= options.Value.DisableAfter)
            {
                s.Disabled = true;
                s.DisabledAt = now;
                s.NextAttemptAt = null;
                s.DisabledReason = $"No post succeeded for {Hours(now - s.FailingSince.Value)} ({s.Attempts} attempts at the oldest waiting event). Last error: {s.LastError}";
                ProductMetrics.WebhookFailures.Add(1, new KeyValuePair<string, object?>("reason", "gave_up"));
                logger.LogWarning("Webhook endpoint {Endpoint} ({Url}) disabled: {Reason}", Id, s.Url, s.DisabledReason);
            }
            else
            {
                s.NextAttemptAt = now + WebhookBackoff.Delay(s.Attempts, options.Value);
            }

            break;
        }

        if (attempted)
        {
            await state.WriteOrDeactivateAsync(this);
            await HeadMovedAsync(from);
        }

        if (more)
        {
            Schedule();
        }
        else if (s.NextAttemptAt is not null)
        {
            Schedule();
        }
    }

    /// <summary>The event at the head, or null when nothing waits. Reads the head's page again when it may have grown.</summary>
    private async Task<WebhookEvent?> HeadEventAsync()
    {
        var page = WebhookOutbox.PageOf(state.State.Head);
        var index = WebhookOutbox.IndexOf(state.State.Head);
        if (_page is null || _pageNumber != page || index >= _page.Count)
        {
            _page = [.. await GrainFactory.GetOutboxPage(Id, page).GetAsync()];
            _pageNumber = page;
        }

        return index < _page.Count ? _page[index] : null;
    }

    /// <summary>After the head's write: tells the queue, and clears the pages the head has left.</summary>
    private async Task HeadMovedAsync(long from)
    {
        var head = state.State.Head;
        if (head == from)
        {
            return;
        }

        await GrainFactory.GetWebhookQueue(Id).HeadMovedAsync(head);
        await ClearPagesAsync(from, head);
    }

    /// <summary>Clears the pages wholly before <paramref name="to"/>, from the one holding <paramref name="from"/>. Best effort: a page left behind is only unused storage.</summary>
    private async Task ClearPagesAsync(long from, long to)
    {
        for (var page = WebhookOutbox.PageOf(from); page < WebhookOutbox.PageOf(to); page++)
        {
            try
            {
                await GrainFactory.GetOutboxPage(Id, page).ClearAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Webhook endpoint {Endpoint}: outbox page {Page} was delivered but not cleared.", Id, page);
            }
        }
    }

    private async Task<WebhookEndpointInfo> InfoAsync()
    {
        var s = state.State;
        var queue = await GrainFactory.GetWebhookQueue(Id).GetStatsAsync();
        return new WebhookEndpointInfo(
            Id, s.Url, [.. s.Events], s.Description, s.CreatedAt, s.CreatedBy,
            s.Disabled ? WebhookEndpointStatus.Disabled : WebhookEndpointStatus.Active, s.DisabledAt, s.DisabledReason,
            Math.Max(0, queue.Tail - s.Head), s.Delivered, s.LastDeliveredAt, queue.Dropped, queue.LastDroppedAt,
            s.Attempts, s.FailingSince, s.LastAttemptAt, s.NextAttemptAt, s.LastError);
    }

    private static string Hours(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{Math.Floor(span.TotalHours):0} hours" : $"{Math.Floor(span.TotalMinutes):0} minutes";
}
