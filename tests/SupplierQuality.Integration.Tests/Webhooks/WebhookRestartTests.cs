using System.Globalization;
using System.Text.Json;
using StandardWebhooks;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Webhooks;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Storage;
using SupplierQuality.Scoring;

namespace SupplierQuality.Integration.Tests.Webhooks;

/// <summary>
/// The other webhook tests keep state in memory; this one stops a node on the embedded database with events waiting
/// and starts another on the same file, so the endpoint, its outbox pages, its queue and the announced standings are
/// read back through the grain storage's JSON, and delivery resumes from the endpoint's reminder alone.
/// </summary>
public sealed class WebhookRestartTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Waiting_events_survive_a_restart_on_the_embedded_database_and_go_out_in_order_without_anyone_calling()
    {
        using var database = new TemporarySqliteDatabase();
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = WebhooksNode.Settings();
        settings["Storage:Provider"] = "Sqlite";
        settings["Storage:SqlitePath"] = database.FilePath;
        var url = receiver.NewUrl();
        var batch = Guid.NewGuid().ToString("N");
        var events = Enumerable.Range(1, WebhookOutbox.PageSize + 5)
            .Select(i => new WebhookEvent(WebhookEvent.IdOf("restart", batch, i.ToString(CultureInfo.InvariantCulture)), WebhookEventTypes.ReviewFinished, DateTimeOffset.UtcNow, $$"""{"type":"review.finished","n":{{i}}}"""))
            .ToArray();
        var supplier = Guid.NewGuid();
        var period = new RankingPeriodOption(RankingPeriod.OfCampaign(Guid.NewGuid()), "Restart survey", DateTimeOffset.UtcNow.AddDays(10));
        Guid id;
        string secret;
        receiver.Fail();

        await using (var first = await TestNode.StartAsync(settings))
        {
            var created = (await first.Grains.GetWebhookRegistry().RegisterAsync(
                new WebhookEndpointInput(url, [WebhookEventTypes.ReviewFinished, WebhookEventTypes.StandingChanged]), TestNode.AdminEmail)).Value!;
            (id, secret) = (created.Endpoint.Id, created.Secret);
            await first.Grains.PublishWebhooksAsync(events);
            await first.Grains.GetGrain<ISupplierStandingGrain>(supplier).ObserveAsync(
                [new StandingObservation(null, period, "Castings Ltd", "castings", Standing.Approved, 60, 3, PreviousKnown: true, Standing.Preferred)]);
            await receiver.WaitAsync(url, p => p.Count > 0, "a first failed attempt");
        }

        receiver.Recover();
        await using var second = await TestNode.StartAsync(settings);
        var standings = second.Grains.GetGrain<ISupplierStandingGrain>(supplier);
        await standings.ObserveAsync([new StandingObservation(null, period, "Castings Ltd", "castings", Standing.Approved, 61, 3, PreviousKnown: false, null)]);
        await standings.ObserveAsync([new StandingObservation(null, period, "Castings Ltd", "castings", Standing.AtRisk, 35, 9, PreviousKnown: false, null)]);

        var posts = await receiver.WaitAsync(url, p => p.Count(x => x.Status == 204) == events.Length + 2, "every waiting event after the restart", seconds: 90);
        var delivered = posts.Where(p => p.Status == 204).ToList();
        Assert.Equal(events.Select(e => e.Id), delivered.Take(events.Length).Select(p => p.Headers["webhook-id"].ToString()));
        Assert.All(delivered, p => new StandardWebhook(secret).Verify(p.Body, p.Headers));
        var changes = delivered.Skip(events.Length).Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("data")).ToList();
        Assert.Equal(
            [("Preferred", "Approved", 1), ("Approved", "At risk", 2)],
            changes.Select(c => (c.GetProperty("oldStanding").GetString(), c.GetProperty("newStanding").GetString(), c.GetProperty("revision").GetInt32())));
        var info = (await second.Grains.GetWebhookRegistry().GetAsync(id))!;
        Assert.Equal((0L, events.Length + 2L, 0), (info.Pending, info.Delivered, info.Attempts));
        Assert.Equal(url, info.Url);
        _ = Cancel;
    }
}
