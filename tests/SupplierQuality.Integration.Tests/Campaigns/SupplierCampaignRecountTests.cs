using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// A supplier's campaign keeps its invitations' progress in memory between writes: after a killed node the next
/// activation reads the invitations again, so answers the node acknowledged are counted and scored all the same.
/// </summary>
public sealed class SupplierCampaignRecountTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answers_acknowledged_before_the_node_was_killed_are_counted_and_scored_after_the_restart()
    {
        using var directory = new TemporaryDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = null,
            ["Storage:SqlitePath"] = Path.Combine(directory.Path, "node.db"),
            ["Mail:OutboxPath"] = Path.Combine(directory.Path, "outbox"),
            ["Campaigns:TickPeriod"] = "00:00:01",
        };
        var campaignId = Guid.NewGuid();
        List<Guid> suppliers;
        List<string> tokens;
        List<KeyValuePair<string, string>> answers;
        string key;
        await using (var setup = await TestNode.StartAsync(settings))
        {
            (suppliers, var emails) = await SuppliersAsync(setup.Grains, 1, 1, 1);
            var (questionnaireId, version) = await QuestionnaireAsync(setup.Grains);
            var campaign = setup.Grains.GetGrain<ICampaignGrain>(campaignId);
            await campaign.CreateAsync(Definition(questionnaireId, DateTimeOffset.UtcNow, suppliers));
            Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
            var outbox = await EventuallyAsync(
                () => setup.Services.GetRequiredService<OutboxReader>().ListAsync(0, 100, Cancel), p => p.Total == 3, "three emails in the outbox");
            tokens = [.. emails.Select(e => TokenIn(outbox.Messages.Single(m => m.To.Email == e).TextBody))];
            answers = [.. FormFields(version), new("action", "submit")];
            key = await setup.CreateApiKeyAsync(Roles.QualityManager);
        }

        await using (var victim = await NodeProcess.StartAsync(settings))
        {
            foreach (var token in tokens.Take(2))
            {
                using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
                {
                    BaseAddress = victim.BaseAddress,
                };
                using var submitted = await browser.PostFormAsync($"/s/{token}", answers);
                Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
            }

            // Counted by the campaign, so the suppliers' campaigns have applied them (in memory) before the kill.
            using var api = new HttpClient { BaseAddress = victim.BaseAddress };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            await EventuallyAsync(
                async () => JsonNode.Parse(await api.GetStringAsync(new Uri($"/api/campaigns/{campaignId}", UriKind.Relative), Cancel))!,
                c => (int)c["counts"]!["submitted"]! == 2,
                "the two answers to be counted");
            await victim.KillAsync();
        }

        await using var restarted = await TestNode.StartAsync(settings);
        var lines = new List<int>();
        foreach (var supplier in suppliers)
        {
            var part = (await restarted.Grains.GetSupplierCampaign(campaignId, supplier).GetAsync())!;
            lines.Add(Assert.Single(part.Invitations).ResponseVersion);
        }

        Assert.Equal([1, 1, 0], lines);
        var details = await EventuallyAsync(
            () => restarted.Grains.GetGrain<ICampaignGrain>(campaignId).GetAsync()!,
            d => d!.Counts.Submitted == 2,
            "the campaign to count both answers");
        Assert.Equal((3, 2), (details!.Counts.Invited, details.Counts.Submitted));
        foreach (var supplier in suppliers.Take(2))
        {
            var scores = await EventuallyAsync(
                () => restarted.Grains.GetSupplierScorecard(supplier).GetAsync(),
                lines => lines.Any(l => l.CampaignId == campaignId && l.Groups.Any(g => g.Responded > 0)),
                "the supplier's scorecard to hold the answer");
            Assert.Single(scores, l => l.CampaignId == campaignId);
        }
    }
}
