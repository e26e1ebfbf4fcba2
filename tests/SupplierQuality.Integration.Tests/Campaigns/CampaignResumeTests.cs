using System.Net;
using SupplierQuality.Email.Tests.SendGridServer;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Integration.Tests.Hosting;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>A node killed in the middle of a launch: another node on the same PostgreSQL database finishes it.</summary>
public sealed class CampaignResumeTests(PostgresServer postgres)
{
    private const int SupplierCount = 8;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_launch_interrupted_by_a_killed_node_is_finished_by_the_next_and_every_contact_is_invited()
    {
        postgres.RequireAvailable();
        await using var sendGrid = await SendGridLoopbackServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = null,
            ["ConnectionStrings:SupplierQuality"] = await postgres.CreateDatabaseAsync(),
            ["Mail:Sender"] = "SendGrid",
            ["SendGrid:ApiKey"] = sendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["SendGrid:FromEmail"] = "surveys@buyer.test",
            ["Campaigns:TickPeriod"] = "00:00:01",
            // One supplier per batch and a slow mail service: the kill lands between batches or inside one.
            ["Campaigns:BatchSize"] = "1",
            ["Campaigns:BatchesInFlight"] = "2",
        };

        var campaignId = Guid.NewGuid();
        List<string> emails;
        string key;
        await using (var setup = await TestNode.StartAsync(settings))
        {
            (var suppliers, emails) = await SuppliersAsync(setup.Grains, [.. Enumerable.Repeat(1, SupplierCount)]);
            var (questionnaireId, _) = await QuestionnaireAsync(setup.Grains);
            var draft = await setup.Grains.GetGrain<ICampaignGrain>(campaignId).CreateAsync(Definition(questionnaireId, DateTimeOffset.UtcNow, suppliers));
            Assert.Equal(CommandOutcome.Created, draft.Outcome);
            key = await setup.CreateApiKeyAsync(Roles.QualityManager);
        }

        sendGrid.Enqueue(Enumerable.Repeat(SendGridFault.Slow(TimeSpan.FromSeconds(1)), SupplierCount));
        await using (var victim = await NodeProcess.StartAsync(settings))
        {
            using var api = NodeDurabilityTests.ApiClient(victim.BaseAddress, key);
            using var launched = await api.PostAsync(new Uri($"/api/campaigns/{campaignId}/launch", UriKind.Relative), null, Cancel);
            Assert.True(launched.IsSuccessStatusCode, $"{(int)launched.StatusCode}: {victim.Output}");
            await EventuallyAsync(() => Task.FromResult(sendGrid.Accepted.Count), n => n >= 2, "the launch to be under way", seconds: 60);
            await victim.KillAsync();
        }

        var beforeResume = sendGrid.Accepted.Count;
        Assert.True(beforeResume < SupplierCount, $"The launch finished before the kill ({beforeResume} sent); the test proves nothing.");

        // Nobody calls the campaign: its reminder fires on the new node once the dead one is voted out.
        await using var survivor = await TestNode.StartAsync(settings);
        var sent = await EventuallyAsync(
            () => Task.FromResult(sendGrid.Accepted.Select(m => m.To).ToList()),
            to => emails.All(to.Contains),
            "every contact to be invited",
            seconds: 180);

        // At least once for everyone; a second copy only for the suppliers whose requests were in flight at the kill:
        // two batches of one.
        var duplicates = sent.Count - sent.Distinct(StringComparer.Ordinal).Count();
        Assert.InRange(duplicates, 0, 2);
        var details = await EventuallyAsync(
            () => survivor.Grains.GetGrain<ICampaignGrain>(campaignId).GetAsync()!,
            d => d!.Counts.Sent == SupplierCount && d.Work is null,
            "the counters to settle");
        Assert.Equal((CampaignStatus.Open, SupplierCount, 0), (details!.Status, details.Counts.Invited, details.Counts.MailWaiting));
        using var client = survivor.CreateClient();
        using var form = await client.GetAsync(new Uri($"/s/{TokenIn(sendGrid.Accepted[0].Text)}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }
}
