using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StandardWebhooks;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Webhooks;
using SupplierQuality.Integration.Tests.Scorecards;

namespace SupplierQuality.Integration.Tests.Webhooks;

/// <summary>
/// docs/integrations.md as a test: an ERP that blocks purchase orders for suppliers at risk learns of them from the
/// signed standing.changed webhook and from GET /api/rankings, after evaluators answer the survey form over HTTP.
/// </summary>
[Collection(WebhooksNode.Collection)]
public sealed class ErpIntegrationTests(WebhooksNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static JsonElement Data(ReceivedPost post) => JsonDocument.Parse(post.Body).RootElement.GetProperty("data");

    [Fact]
    public async Task An_ERP_learns_that_a_supplier_is_at_risk_from_the_webhook_and_from_the_rankings_api()
    {
        using var registered = await fixture.Admin.PostAsJsonAsync("/api/webhooks", new { url = fixture.Receiver.NewUrl(), events = new[] { WebhookEventTypes.StandingChanged } }, Cancel);
        var created = await registered.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var (id, url, secret) = (created.GetProperty("endpoint").GetProperty("id").GetGuid(), created.GetProperty("endpoint").GetProperty("url").GetString()!, created.GetProperty("secret").GetString()!);
        var surveys = new Surveys(fixture.Node);
        var suppliers = await surveys.SuppliersAsync("Erp", 2);
        var (weak, strong) = (suppliers[0], suppliers[1]);
        var campaign = await surveys.LaunchAsync(await surveys.QuestionnaireAsync(), suppliers, evaluators: 1, "ERP survey", TimeSpan.FromDays(10));

        // Scored 0 and 100 by the evaluator; with m = 3 and the mean (50) as prior: (0 + 150) / 4 = 37.5, At risk.
        await surveys.AnswerAsync(campaign, weak.RatedBy(campaign.Evaluators[0]), new SurveyAnswer(1, 0, false));
        await surveys.AnswerAsync(campaign, strong.RatedBy(campaign.Evaluators[0]), new SurveyAnswer(5, 10, true));
        await surveys.RankingAsync(campaign, p => p.Items.Count(r => r.Responses == 1) == 2);

        // Each supplier's standing is its own delivery, in no set order: wait for both.
        var posts = await fixture.Receiver.WaitAsync(
            url,
            p => new[] { strong.Id, weak.Id }.All(supplier => p.Any(x => Data(x).GetProperty("supplierId").GetGuid() == supplier && Data(x).GetProperty("scope").GetString() == "all" && Data(x).GetProperty("period").GetString() == campaign.Period)),
            "both suppliers' standings");
        var weakOnCampaign = posts
            .Where(p => Data(p).GetProperty("supplierId").GetGuid() == weak.Id && Data(p).GetProperty("scope").GetString() == "all" && Data(p).GetProperty("period").GetString() == campaign.Period)
            .ToList();
        Assert.All(posts, p => new StandardWebhook(secret).Verify(p.Body, p.Headers));
        Assert.Equal("At risk", Data(weakOnCampaign[^1]).GetProperty("newStanding").GetString());
        Assert.Equal((weak.Name, "campaign", "ERP survey"), (Data(weakOnCampaign[^1]).GetProperty("supplierName").GetString(), Data(weakOnCampaign[^1]).GetProperty("periodKind").GetString(), Data(weakOnCampaign[^1]).GetProperty("periodLabel").GetString()));
        TestContext.Current.TestOutputHelper?.WriteLine(weakOnCampaign[^1].Body);

        using var ranking = await fixture.Admin.GetAsync($"/api/rankings?period={campaign.Period}&standing=at-risk", Cancel);
        Assert.Equal(HttpStatusCode.OK, ranking.StatusCode);
        var page = await ranking.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        TestContext.Current.TestOutputHelper?.WriteLine(page.ToString());
        var row = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal((weak.Id, "At risk", 37.5), (row.GetProperty("supplierId").GetGuid(), row.GetProperty("standing").GetString(), row.GetProperty("rankingScore").GetDouble()));
        Assert.Equal((campaign.Period, 1), (page.GetProperty("period").GetString(), page.GetProperty("total").GetInt32()));
        Assert.Equal(RankingPeriod.OfCampaign(campaign.Id).ToString(), Data(weakOnCampaign[^1]).GetProperty("period").GetString());

        using var deleted = await fixture.Admin.DeleteAsync($"/api/webhooks/{id}", Cancel);
    }
}
