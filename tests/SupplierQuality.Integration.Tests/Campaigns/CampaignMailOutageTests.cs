using System.Net;
using Microsoft.Extensions.Time.Testing;
using SupplierQuality.Email.Tests.SendGridServer;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// SendGrid refusing for hours, longer than the sender's retry budget, with the node restarted in the middle: the
/// production setup (PostgreSQL, the real SendGrid SDK against the loopback SendGrid). The campaigns run on their own
/// reminders; the test clock stands still except when the test moves it, so every retry round is one the test caused.
/// </summary>
public sealed class CampaignMailOutageTests(PostgresServer postgres)
{
    /// <summary>The sender's retry budget here: three requests at once (no backoff), then the mail waits for the campaign.</summary>
    private const int Attempts = 3;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings(string connectionString, SendGridLoopbackServer sendGrid) => new()
    {
        ["Storage:Provider"] = null,
        ["ConnectionStrings:SupplierQuality"] = connectionString,
        ["Mail:Sender"] = "SendGrid",
        ["SendGrid:ApiKey"] = sendGrid.ApiKey,
        ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
        ["SendGrid:FromEmail"] = "surveys@buyer.test",
        ["SendGrid:MaxAttempts"] = Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SendGrid:InitialBackoff"] = "00:00:00",
        ["Campaigns:TickPeriod"] = "00:00:01",
    };

    /// <summary>One retry round's worth of refusals, as SendGrid answers when it is down.</summary>
    private static IEnumerable<SendGridFault> Outage() =>
        Enumerable.Repeat(SendGridFault.ServerError(503) with { Message = "service unavailable" }, Attempts);

    [Fact]
    public async Task Mail_refused_for_hours_across_a_restart_waits_says_why_and_goes_out_once_when_SendGrid_is_back()
    {
        postgres.RequireAvailable();
        await using var sendGrid = await SendGridLoopbackServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = Settings(await postgres.CreateDatabaseAsync(), sendGrid);
        var campaignId = Guid.NewGuid();
        List<string> emails;

        sendGrid.Enqueue(Outage());
        await using (var node = await TestNode.StartAsync(settings, time))
        {
            (var suppliers, emails) = await SuppliersAsync(node.Grains, 2, 1);
            var (questionnaireId, _) = await QuestionnaireAsync(node.Grains);
            var campaign = node.Grains.GetGrain<ICampaignGrain>(campaignId);
            Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(Definition(questionnaireId, time.GetUtcNow(), suppliers, 3))).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);

            var waiting = await EventuallyAsync(() => campaign.GetAsync()!, d => d!.Counts.MailWaiting == 3, "the invitations to wait");
            Assert.Equal((3, 0), (waiting!.Counts.Invited, waiting.Counts.Sent));
            Assert.Equal(Attempts, sendGrid.Requests.Count);
            await AssertPageSaysMailWaitsAsync(node, campaignId);
        }

        // The node restarts, SendGrid is still down: an hour later the campaign's own reminder tries again, on the new node.
        sendGrid.Enqueue(Outage());
        await using var restarted = await TestNode.StartAsync(settings, time);
        time.Advance(TimeSpan.FromHours(1));
        await EventuallyAsync(() => Task.FromResult(sendGrid.Requests.Count), n => n == 2 * Attempts, "a retry round on the new node");
        var again = restarted.Grains.GetGrain<ICampaignGrain>(campaignId);
        await EventuallyAsync(() => again.GetAsync()!, d => d!.Counts.MailWaiting == 3 && d.Work is not null, "the mail to wait again");
        await AssertPageSaysMailWaitsAsync(restarted, campaignId);
        Assert.All(sendGrid.Requests, r => Assert.Equal(503, r.Status));

        // Two hours in, SendGrid is back: every contact gets the invitation once.
        time.Advance(TimeSpan.FromHours(1));
        var sent = await EventuallyAsync(() => again.GetAsync()!, d => d!.Counts.Sent == 3 && d.Counts.MailWaiting == 0 && d.Work is null, "the mail to go");
        Assert.Null(sent!.LastMailProblem);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        Assert.Equal(emails.Order(), sendGrid.Accepted.Select(m => m.To).Order());
        Assert.Equal(2 * Attempts + 1, sendGrid.Requests.Count);

        using var manager = await restarted.CreateSignedInClientAsync(Roles.QualityManager);
        var page = await HtmlPage.GetAsync(manager, $"/campaigns/{campaignId}");
        Assert.Contains("<td id=\"count-waiting\">0</td>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<td id=\"count-sent\">3</td>", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"attention\"", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deadline_passing_during_a_SendGrid_outage_closes_the_campaign_and_its_waiting_invitations_never_go()
    {
        postgres.RequireAvailable();
        await using var sendGrid = await SendGridLoopbackServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = Settings(await postgres.CreateDatabaseAsync(), sendGrid);
        var campaignId = Guid.NewGuid();

        sendGrid.Enqueue(Outage());
        await using (var node = await TestNode.StartAsync(settings, time))
        {
            var (suppliers, _) = await SuppliersAsync(node.Grains, 2, 1);
            var (questionnaireId, _) = await QuestionnaireAsync(node.Grains);
            var campaign = node.Grains.GetGrain<ICampaignGrain>(campaignId);
            Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(Definition(questionnaireId, time.GetUtcNow(), suppliers, 3))).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
            await EventuallyAsync(() => campaign.GetAsync()!, d => d!.Counts.MailWaiting == 3, "the invitations to wait");
        }

        // The node restarts; the outage outlasts the deadline (day 10) and the reminder day (3). SendGrid is back by the
        // time the campaign next looks, so any mail it still sent would be accepted and counted below.
        await using var restarted = await TestNode.StartAsync(settings, time);
        time.Advance(TimeSpan.FromDays(11));
        var campaignAfter = restarted.Grains.GetGrain<ICampaignGrain>(campaignId);
        var closed = await EventuallyAsync(() => campaignAfter.GetAsync()!, d => d!.Status == CampaignStatus.Closed && d.Work is null, "the campaign to close");
        time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);

        Assert.Empty(sendGrid.Accepted);
        Assert.Equal(Attempts, sendGrid.Requests.Count);
        var details = (await campaignAfter.GetAsync())!;
        Assert.Equal((CampaignStatus.Closed, 3, 0, 0, 0), (details.Status, details.Counts.Invited, details.Counts.Sent, details.Counts.MailWaiting, details.RemindersSent));
        Assert.Equal(closed!.ClosedAt, details.ClosedAt);

        // The links in the refused requests lead to a closed form.
        using var client = restarted.CreateClient();
        using var form = await client.GetAsync(new Uri($"/s/{TokenIn(sendGrid.Requests[0].Body)}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Gone, form.StatusCode);
    }

    /// <summary>The campaign page tells the manager that mail waits, how much, and why.</summary>
    private static async Task AssertPageSaysMailWaitsAsync(TestNode node, Guid campaignId)
    {
        using var manager = await node.CreateSignedInClientAsync(Roles.QualityManager);
        var page = await HtmlPage.GetAsync(manager, $"/campaigns/{campaignId}");
        Assert.Contains("<td id=\"count-waiting\">3</td>", page.Text, StringComparison.Ordinal);
        Assert.Contains("Mail for 2 suppliers waits to be sent again, from ", page.Text, StringComparison.Ordinal);
        Assert.Contains("SendGrid answered 503: service unavailable", page.Text, StringComparison.Ordinal);
    }
}
