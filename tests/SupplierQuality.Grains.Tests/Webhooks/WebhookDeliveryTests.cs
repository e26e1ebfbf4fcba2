using System.Globalization;
using Orleans.Core.Internal;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Webhooks;

namespace SupplierQuality.Grains.Tests.Webhooks;

/// <summary>
/// The outbox and its delivery through real grains, with the clock moved by hand (so these run alone). Endpoints here
/// take review.finished and response.submitted, which nothing else emits while the clock is shared, and the events are
/// made here.
/// </summary>
[Collection(SharedClock.Name)]
public sealed class WebhookDeliveryTests(ClusterFixture fixture) : IAsyncDisposable
{
    private readonly TestEndpoints _endpoints = new(fixture.Grains);

    private IGrainFactory Grains => fixture.Grains;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    public ValueTask DisposeAsync() => _endpoints.DisposeAsync();

    private Task<TestEndpoint> EndpointAsync() => _endpoints.AddAsync(WebhookEventTypes.ReviewFinished, WebhookEventTypes.ResponseSubmitted);

    private WebhookEvent[] Events(int count, string type = WebhookEventTypes.ReviewFinished)
    {
        var batch = Guid.NewGuid().ToString("N");
        return [.. Enumerable.Range(1, count).Select(i => new WebhookEvent(
            WebhookEvent.IdOf("test", batch, i.ToString(CultureInfo.InvariantCulture)), type, Now, $$"""{"type":"{{type}}","n":{{i}}}"""))];
    }

    private Task PublishAsync(params WebhookEvent[] events) => Grains.PublishWebhooksAsync(events);

    private Task RunAsync(TestEndpoint endpoint) => Grains.GetWebhookEndpoint(endpoint.Id).RunAsync();

    private static List<string> Ids(IEnumerable<WebhookEvent> events) => [.. events.Select(e => e.Id)];

    [Fact]
    public async Task Events_reach_the_endpoint_in_the_order_they_were_published_and_delivered_pages_are_cleared()
    {
        var endpoint = await EndpointAsync();
        var events = Events(30);

        await PublishAsync(events[..10]);
        await PublishAsync(events[10..]);
        await RunAsync(endpoint);

        Assert.Equal(Ids(events), Ids(endpoint.Receiver.Received));
        var info = await _endpoints.InfoAsync(endpoint);
        Assert.Equal((0L, 30L, 0, WebhookEndpointStatus.Active), (info.Pending, info.Delivered, info.Attempts, info.Status));
        Assert.Empty(await Grains.GetOutboxPage(endpoint.Id, 0).GetAsync());
        Assert.Equal(5, (await Grains.GetOutboxPage(endpoint.Id, 1).GetAsync()).Count);
    }

    [Fact]
    public async Task A_failing_head_is_retried_and_blocks_the_events_after_it_until_it_is_delivered()
    {
        var endpoint = await EndpointAsync();
        var events = Events(3);
        endpoint.Receiver.Fail();

        await PublishAsync(events);
        await RunAsync(endpoint);
        var failed = await _endpoints.InfoAsync(endpoint);

        Assert.Equal([events[0].Id], Ids(endpoint.Receiver.Attempts));
        Assert.Equal((3L, 1, "HTTP 500 Internal Server Error"), (failed.Pending, failed.Attempts, failed.LastError));
        Assert.Equal(failed.LastAttemptAt!.Value.AddSeconds(5), failed.NextAttemptAt);

        // Not before its time, however often it is woken.
        await RunAsync(endpoint);
        Assert.Single(endpoint.Receiver.Attempts);

        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        await RunAsync(endpoint);
        var again = await _endpoints.InfoAsync(endpoint);
        Assert.Equal([events[0].Id, events[0].Id], Ids(endpoint.Receiver.Attempts));
        Assert.Equal((3L, 2), (again.Pending, again.Attempts));
        Assert.Equal(again.LastAttemptAt!.Value.AddSeconds(10), again.NextAttemptAt);

        endpoint.Receiver.Recover();
        fixture.Time.Advance(TimeSpan.FromSeconds(10));
        await RunAsync(endpoint);

        Assert.Equal(Ids(events), Ids(endpoint.Receiver.Received));
        Assert.Equal([events[0].Id, events[0].Id, .. Ids(events)], Ids(endpoint.Receiver.Attempts));
        var delivered = await _endpoints.InfoAsync(endpoint);
        Assert.Equal((0L, 3L, 0, null, null, null), (delivered.Pending, delivered.Delivered, delivered.Attempts, delivered.LastError, delivered.FailingSince, delivered.NextAttemptAt));
    }

    [Fact]
    public async Task Retries_wait_5_seconds_doubling_to_an_hour_and_after_a_day_of_failures_the_endpoint_is_disabled()
    {
        var endpoint = await EndpointAsync();
        var first = Events(1)[0];
        endpoint.Receiver.Fail();
        await PublishAsync(first);
        var started = Now;

        var waits = new List<double>();
        WebhookEndpointInfo info;
        for (var attempt = 1; ; attempt++)
        {
            Assert.True(attempt < 100, "The endpoint was never disabled.");
            await RunAsync(endpoint);
            info = await _endpoints.InfoAsync(endpoint);
            if (info.Status == WebhookEndpointStatus.Disabled)
            {
                break;
            }

            var wait = info.NextAttemptAt!.Value - info.LastAttemptAt!.Value;
            waits.Add(wait.TotalSeconds);
            fixture.Time.Advance(wait);
        }

        double[] doubling = [5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560];
        Assert.Equal([.. doubling, .. Enumerable.Repeat(3600.0, 23)], waits);
        Assert.Equal(34, info.Attempts);
        Assert.Equal(34, endpoint.Receiver.Attempts.Count);
        Assert.Equal(started.AddSeconds(87_915), info.DisabledAt);
        Assert.Equal(started, info.FailingSince);
        Assert.Null(info.NextAttemptAt);
        Assert.Contains("24 hours", info.DisabledReason, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", info.DisabledReason, StringComparison.Ordinal);

        // Disabled: events still queue, nothing is posted.
        var second = Events(1)[0];
        await PublishAsync(second);
        fixture.Time.Advance(TimeSpan.FromHours(2));
        await RunAsync(endpoint);
        Assert.Equal(34, endpoint.Receiver.Attempts.Count);
        Assert.Equal(2, (await _endpoints.InfoAsync(endpoint)).Pending);

        endpoint.Receiver.Recover();
        var enabled = await _endpoints.Registry.EnableAsync(endpoint.Id, discardWaiting: false);
        Assert.Equal((CommandOutcome.Ok, WebhookEndpointStatus.Active), (enabled.Outcome, enabled.Value!.Status));
        await RunAsync(endpoint);
        Assert.Equal([first.Id, second.Id], Ids(endpoint.Receiver.Received));
        Assert.Equal(0, (await _endpoints.InfoAsync(endpoint)).Pending);
    }

    [Fact]
    public async Task Trying_again_now_skips_the_wait_but_keeps_the_failing_clock()
    {
        var endpoint = await EndpointAsync();
        endpoint.Receiver.Fail();
        await PublishAsync(Events(1));
        await RunAsync(endpoint);
        var failed = await _endpoints.InfoAsync(endpoint);

        var retried = await _endpoints.Registry.EnableAsync(endpoint.Id, discardWaiting: false);
        await RunAsync(endpoint);
        var again = await _endpoints.InfoAsync(endpoint);

        Assert.Equal((1, failed.FailingSince, null), (retried.Value!.Attempts, retried.Value.FailingSince, retried.Value.NextAttemptAt));
        Assert.Equal((2, failed.FailingSince), (again.Attempts, again.FailingSince));
        Assert.Equal(2, endpoint.Receiver.Attempts.Count);
    }

    [Fact]
    public async Task A_full_queue_drops_new_events_and_says_so_and_what_was_queued_goes_out_in_order()
    {
        var endpoint = await EndpointAsync();
        var events = Events(RecordingWebhookSender.MaxPending + 10);
        endpoint.Receiver.Fail();

        await PublishAsync(events);
        var full = await _endpoints.InfoAsync(endpoint);

        Assert.Equal((60L, 10L, Now), (full.Pending, full.Dropped, full.LastDroppedAt));
        endpoint.Receiver.Recover();
        await _endpoints.Registry.EnableAsync(endpoint.Id, discardWaiting: false);
        await TestEndpoints.EventuallyAsync(() => endpoint.Receiver.Received, r => r.Count >= 60, "the queued events");
        Assert.Equal(Ids(events[..60]), Ids(endpoint.Receiver.Received));
        var drained = await _endpoints.InfoAsync(endpoint);
        Assert.Equal((0L, 60L, 10L), (drained.Pending, drained.Delivered, drained.Dropped));
        Assert.Empty(await Grains.GetOutboxPage(endpoint.Id, 0).GetAsync());
        Assert.Empty(await Grains.GetOutboxPage(endpoint.Id, 1).GetAsync());
    }

    [Fact]
    public async Task The_same_event_published_again_is_delivered_once()
    {
        var endpoint = await EndpointAsync();
        var events = Events(2);

        await PublishAsync(events[0]);
        await PublishAsync(events[0], events[1]);
        await PublishAsync(events[1]);
        await RunAsync(endpoint);

        Assert.Equal(Ids(events), Ids(endpoint.Receiver.Received));
    }

    [Fact]
    public async Task Each_endpoint_gets_only_the_events_it_subscribed_to()
    {
        var reviews = await _endpoints.AddAsync(WebhookEventTypes.ReviewFinished);
        var responses = await _endpoints.AddAsync(WebhookEventTypes.ResponseSubmitted);
        var review = Events(1, WebhookEventTypes.ReviewFinished)[0];
        var response = Events(1, WebhookEventTypes.ResponseSubmitted)[0];

        await PublishAsync(review, response);
        await RunAsync(reviews);
        await RunAsync(responses);

        Assert.Equal([review.Id], Ids(reviews.Receiver.Received));
        Assert.Equal([response.Id], Ids(responses.Receiver.Received));
    }

    [Fact]
    public async Task After_the_endpoint_and_its_queue_are_deactivated_numbering_and_delivery_go_on_from_storage()
    {
        var endpoint = await EndpointAsync();
        var events = Events(WebhookOutbox.PageSize + 5);
        endpoint.Receiver.Fail();
        await PublishAsync(events[..(WebhookOutbox.PageSize + 2)]);
        await RunAsync(endpoint);

        await Grains.GetWebhookQueue(endpoint.Id).Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        await Grains.GetWebhookEndpoint(endpoint.Id).Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        await PublishAsync(events[(WebhookOutbox.PageSize + 2)..]);
        endpoint.Receiver.Recover();
        await _endpoints.Registry.EnableAsync(endpoint.Id, discardWaiting: false);
        await RunAsync(endpoint);

        Assert.Equal(Ids(events), Ids(endpoint.Receiver.Received));
        Assert.Equal(events.Length, (await _endpoints.InfoAsync(endpoint)).Delivered);
    }

    [Fact]
    public async Task Enabling_with_discard_skips_the_waiting_events_and_delivers_those_after()
    {
        var endpoint = await EndpointAsync();
        var events = Events(4);
        endpoint.Receiver.Fail();
        await PublishAsync(events[..3]);
        await RunAsync(endpoint);

        endpoint.Receiver.Recover();
        var enabled = await _endpoints.Registry.EnableAsync(endpoint.Id, discardWaiting: true);
        await PublishAsync(events[3]);
        await RunAsync(endpoint);

        Assert.Equal(0, enabled.Value!.Pending);
        Assert.Equal([events[3].Id], Ids(endpoint.Receiver.Received));
    }

    [Fact]
    public async Task A_deleted_endpoint_gets_nothing_more_and_its_waiting_events_are_discarded()
    {
        var endpoint = await EndpointAsync();
        endpoint.Receiver.Fail();
        await PublishAsync(Events(3));
        await RunAsync(endpoint);

        var deleted = await _endpoints.Registry.DeleteAsync(endpoint.Id);
        _endpoints.Forget(endpoint.Id);
        endpoint.Receiver.Recover();
        await PublishAsync(Events(2));
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await RunAsync(endpoint);

        Assert.Equal(CommandOutcome.Ok, deleted.Outcome);
        Assert.Single(endpoint.Receiver.Attempts);
        Assert.Null(await _endpoints.Registry.GetAsync(endpoint.Id));
        Assert.DoesNotContain(await _endpoints.Registry.ListAsync(), e => e.Id == endpoint.Id);
        Assert.Empty(await Grains.GetOutboxPage(endpoint.Id, 0).GetAsync());
        Assert.Equal(CommandOutcome.NotFound, (await _endpoints.Registry.DeleteAsync(endpoint.Id)).Outcome);
    }

    [Fact]
    public async Task The_registry_takes_at_most_20_endpoints()
    {
        var room = WebhookInput.MaxEndpoints - (await _endpoints.Registry.ListAsync()).Count;
        for (var i = 0; i < room; i++)
        {
            await _endpoints.AddAsync(WebhookEventTypes.CampaignClosed);
        }

        var refused = await _endpoints.Registry.RegisterAsync(new WebhookEndpointInput("https://one-too-many.test/", [WebhookEventTypes.CampaignClosed]), "admin@test.local");

        Assert.Equal(CommandOutcome.Conflict, refused.Outcome);
        Assert.Contains("20 endpoints", refused.Message, StringComparison.Ordinal);
    }
}
