using System.Net;
using Microsoft.Extensions.Time.Testing;
using SupplierQuality.Email.Tests.SendGridServer;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// Campaigns on PostgreSQL sending through the real SendGrid SDK to a loopback SendGrid, driven by their own timers
/// and reminders (no test calls the campaign's Run): launch, answers, reminders, the deadline, and a restart.
/// </summary>
public sealed class CampaignDispatchTests(PostgresServer postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings(string connectionString, SendGridLoopbackServer sendGrid) => new()
    {
        ["Storage:Provider"] = null,
        ["ConnectionStrings:SupplierQuality"] = connectionString,
        ["Mail:Sender"] = "SendGrid",
        ["SendGrid:ApiKey"] = sendGrid.ApiKey,
        ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
        ["SendGrid:FromEmail"] = "surveys@buyer.test",
        ["Campaigns:TickPeriod"] = "00:00:01",
        ["Campaigns:BatchSize"] = "2",
    };

    [Fact]
    public async Task A_campaign_reaches_every_contact_counts_answers_reminds_non_responders_and_closes_at_the_deadline()
    {
        postgres.RequireAvailable();
        await using var sendGrid = await SendGridLoopbackServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = Settings(await postgres.CreateDatabaseAsync(), sendGrid);
        var node = await TestNode.StartAsync(settings, time);
        Guid campaignId;
        string answeredToken;
        try
        {
            var (suppliers, emails) = await SuppliersAsync(node.Grains, 2, 1, 1);
            var (questionnaireId, version) = await QuestionnaireAsync(node.Grains);
            campaignId = Guid.NewGuid();
            var campaign = node.Grains.GetGrain<ICampaignGrain>(campaignId);
            Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(Definition(questionnaireId, time.GetUtcNow(), suppliers, 3))).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);

            var invitations = await EventuallyAsync(() => Task.FromResult(sendGrid.Accepted), m => m.Count >= 4, "four invitations");
            Assert.Equal(emails.Order(), invitations.Select(m => m.To).Order());
            Assert.All(invitations, m => Assert.NotNull(m.InvitationId));
            Assert.All(invitations, m => Assert.Equal("<" + m.Headers["List-Unsubscribe"].Trim('<', '>') + ">", m.Headers["List-Unsubscribe"]));

            // The first contact follows the link, saves half the form, comes back, and submits.
            answeredToken = TokenIn(invitations.Single(m => m.To == emails[0]).Text);
            using var client = node.CreateClient();
            var likert = version.Questions.First(q => q.Kind == QuestionKind.Likert).Id;
            using var saved = await client.PostFormAsync($"/s/{answeredToken}", [new($"answers[{likert}]", "4"), new("action", "save")]);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var back = await HtmlPage.GetAsync(client, $"/s/{answeredToken}");
            Assert.Matches($"id=\"answer-{likert}-4\"[^>]*checked=\"checked\"", back.Text);
            using var submitted = await client.PostFormAsync($"/s/{answeredToken}", [.. FormFields(version), new("action", "submit")]);
            Assert.Equal($"/s/{answeredToken}?submitted=true", submitted.RedirectTarget());

            var counted = await EventuallyAsync(() => campaign.GetAsync()!, d => d!.Counts.Submitted == 1, "the answer to be counted");
            Assert.Equal((4, 4, 1, 1, 1), (counted!.Counts.Invited, counted.Counts.Sent, counted.Counts.Opened, counted.Counts.Started, counted.Counts.Submitted));

            // Day 3: a reminder to the three who have not answered, and to nobody else.
            time.Advance(TimeSpan.FromDays(3));
            var reminded = await EventuallyAsync(() => Task.FromResult(sendGrid.Accepted), m => m.Count >= 7, "three reminders");
            var reminders = reminded.Skip(4).ToList();
            Assert.Equal(emails.Skip(1).Order(), reminders.Select(m => m.To).Order());
            Assert.All(reminders, m => Assert.StartsWith("Reminder: ", m.Subject, StringComparison.Ordinal));

            // Day 10: the deadline closes the campaign and the forms.
            time.Advance(TimeSpan.FromDays(7));
            await EventuallyAsync(() => campaign.GetAsync()!, d => d!.Status == CampaignStatus.Closed && d.Work is null, "the campaign to close");
            using var closed = await client.GetAsync(new Uri($"/s/{answeredToken}", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.Gone, closed.StatusCode);
        }
        finally
        {
            await node.DisposeAsync();
        }

        // Everything is in PostgreSQL: a new node reads the same campaign, and sends nothing again.
        var sentBefore = sendGrid.Accepted.Count;
        await using var restarted = await TestNode.StartAsync(settings, time);
        var again = restarted.Grains.GetGrain<ICampaignGrain>(campaignId);
        var details = (await again.GetAsync())!;
        Assert.Equal((CampaignStatus.Closed, 4, 4, 1), (details.Status, details.Counts.Invited, details.Counts.Sent, details.Counts.Submitted));
        Assert.Equal(1, details.RemindersSent);
        await again.RunAsync();
        var part = (await again.GetSuppliersAsync(nonRespondersOnly: false, 0, 10)).Items[0];
        var groups = (await restarted.Grains.GetSupplierCampaign(campaignId, part.SupplierId).GetAsync())!.Groups;
        var aggregate = Assert.Single(groups).Result;
        Assert.Equal(1, aggregate.Responses);
        Assert.NotNull(aggregate.Mean);
        Assert.Equal(sentBefore, sendGrid.Accepted.Count);
        using var form = await restarted.CreateClient().GetAsync(new Uri($"/s/{answeredToken}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Gone, form.StatusCode);
    }
}
