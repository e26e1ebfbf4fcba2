using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SupplierQuality.Email.Tests.SendGridServer;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Storage;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Telemetry;

/// <summary>
/// A campaign sent through the real SendGrid SDK to a loopback SendGrid that first pushes back (429) and refuses one
/// address, then an answer through the form and a resend: the node's scrape shows each of these exactly once. On the
/// embedded SQLite default: in memory mode a node stops slowly after a campaign (its grains write as they deactivate,
/// after the memory storage grains are gone).
/// </summary>
[Collection(TelemetryDefinition.Name)]
public sealed class ProductMetricsTests
{
    private const string Sent = "supplierquality_invitations_sent_total";
    private const string Failed = "supplierquality_mail_failed_total";
    private const string Responses = "supplierquality_responses_submitted_total";
    private const string Steps = "supplierquality_campaign_batch_duration_seconds_count";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mail_answers_and_campaign_steps_move_the_product_counters_by_exactly_what_happened()
    {
        await using var sendGrid = await SendGridLoopbackServer.StartAsync();
        using var database = new TemporarySqliteDatabase();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var metricsPort = FreePort.Next();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = database.FilePath,
            ["Mail:Sender"] = "SendGrid",
            ["SendGrid:ApiKey"] = sendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["SendGrid:FromEmail"] = "surveys@buyer.test",
            ["SendGrid:MaxAttempts"] = "1",
            ["Telemetry:MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture),
        }, time);
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
        var before = await ScrapeAsync(scraper);

        // Supplier A has two contacts; supplier B's only address is one SendGrid refuses.
        var (suppliers, emails) = await SuppliersAsync(node.Grains, 2, 1);
        sendGrid.RejectAddress(emails[2]);
        sendGrid.Enqueue(SendGridFault.TooManyRequests());
        var (questionnaireId, version) = await QuestionnaireAsync(node.Grains);
        var campaign = node.Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(Definition(questionnaireId, time.GetUtcNow(), suppliers, 3))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await campaign.RunAsync();

        // The 429 left all three waiting; a minute later they go again, and SendGrid takes two and refuses one.
        time.Advance(TimeSpan.FromMinutes(1));
        await campaign.RunAsync();
        Assert.Equal(emails.Take(2).Order(), sendGrid.Accepted.Select(m => m.To).Order());

        using var client = node.CreateClient();
        using var submitted = await client.PostFormAsync(
            $"/s/{TokenIn(sendGrid.Accepted.Single(m => m.To == emails[0]).Text)}", [.. FormFields(version), new("action", "submit")]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, submitted.StatusCode);

        var second = (await node.Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), suppliers[0]).GetAsync())!.Invitations.Single(i => i.Email == emails[1]);
        Assert.Equal(CommandOutcome.Ok, (await campaign.ResendAsync(suppliers[0], new ResendRequest(second.InvitationKey, Guid.NewGuid()))).Outcome);
        await campaign.RunAsync();
        await EventuallyAsync(() => Task.FromResult(sendGrid.Accepted.Count), n => n == 3, "the resent email");

        // The step is measured after its state write, a moment after the mail went.
        var after = await EventuallyAsync(
            () => ScrapeAsync(scraper),
            s => s.Value(Sent, ("purpose", "resend")) > before.Value(Sent, ("purpose", "resend"))
                && s.Value(Steps, ("step", "retry")) >= before.Value(Steps, ("step", "retry")) + 2,
            "the resend and its step to be counted");
        double Moved(string name, params (string, string)[] labels) => after.Value(name, labels) - before.Value(name, labels);
        Assert.Equal(2, Moved(Sent, ("purpose", "invitation")));
        Assert.Equal(1, Moved(Sent, ("purpose", "resend")));
        Assert.Equal(0, Moved(Sent, ("purpose", "reminder")));
        Assert.Equal(3, Moved(Failed, ("reason", "retry_later")));
        Assert.Equal(1, Moved(Failed, ("reason", "rejected")));
        Assert.Equal(1, Moved(Responses, ("group", "self_assessment")));
        Assert.Equal(0, Moved(Responses, ("group", "internal_evaluation")));
        Assert.Equal(1, Moved(Steps, ("step", "invite")));
        Assert.Equal(2, Moved(Steps, ("step", "retry")));
    }

    [Fact]
    public async Task The_scrape_holds_Orleans_ASP_NET_Core_and_runtime_metrics()
    {
        var metricsPort = FreePort.Next();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Telemetry:MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture),
        });
        using var client = node.CreateClient();
        using var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel);
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };

        var scrape = await EventuallyAsync(() => ScrapeAsync(scraper), s => s.Has("http_server_request_duration_seconds"), "ASP.NET Core's request metrics");

        Assert.True(scrape.Value("http_server_request_duration_seconds_count", ("http_request_method", "GET")) >= 1, scrape.Text);
        Assert.True(scrape.Has("orleans_"), "No Orleans metrics in:\n" + scrape.Text);
        Assert.True(scrape.Has("dotnet_gc_"), "No runtime metrics in:\n" + scrape.Text);
    }

    internal static async Task<PrometheusText> ScrapeAsync(HttpClient scraper)
    {
        using var response = await scraper.GetAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        response.EnsureSuccessStatusCode();
        return new PrometheusText(await response.Content.ReadAsStringAsync(Cancel));
    }
}
