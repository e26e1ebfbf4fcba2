using System.Net;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Reviews;

/// <summary>A ranking made for one test: a draft campaign whose suppliers have scorecard lines, best first.</summary>
public sealed record SeededRanking(Guid CampaignId, RankingPeriod Period, IReadOnlyList<TestSupplier> Suppliers);

/// <summary>
/// The review tests' own node (a <see cref="CampaignsNode"/> of their own collection), and the helpers that give them
/// a ranking and a review made through the pages an executive uses.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class ReviewsNode : ICollectionFixture<CampaignsNode>
{
    public const string Collection = "Reviews node";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Suppliers with one evaluator response each in a new campaign, scored as given (best first), written straight
    /// to their scorecards as the answer path would; returns once the ranking shows all of them.
    /// </summary>
    public static async Task<SeededRanking> RankedAsync(CampaignsNode fixture, params double[] scores)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var suppliers = await fixture.SuppliersAsync("Reviewed", [.. scores.Select(_ => 1)]);
        var campaign = await fixture.DraftAsync(suppliers, "Review survey " + Guid.NewGuid().ToString("N")[..8]);
        var campaignId = campaign.GetPrimaryKey();
        var grains = fixture.Node.Grains;
        for (var i = 0; i < suppliers.Count; i++)
        {
            await grains.GetSupplierScorecard(suppliers[i].Id).ReplaceCampaignAsync(new CampaignScores(campaignId, 1,
                [new GroupScores(RecipientKind.Evaluator, 4, 3, ScoreSums.Of([scores[i] - 2, scores[i], scores[i] + 2]), [], 0, 0, 0)]));
        }

        var period = RankingPeriod.OfCampaign(campaignId);
        await CampaignsNode.EventuallyAsync(
            () => grains.GetRanking().QueryAsync(new RankingQuery(period)),
            page => page.Total == suppliers.Count && page.Items.All(r => r.Rank is not null),
            "the seeded suppliers in the ranking");
        return new SeededRanking(campaignId, period, suppliers);
    }

    /// <summary>Freezes the ranking into a review through the new-review form; returns the review's id.</summary>
    public static async Task<Guid> ReviewAsync(HttpClient executive, SeededRanking ranking, string title = "Q2 castings review")
    {
        ArgumentNullException.ThrowIfNull(ranking);
        using var response = await executive.PostFormAsync("/reviews",
        [
            new("Form.Id", Guid.NewGuid().ToString()),
            new("Form.Title", title),
            new("Form.Period", ranking.Period.ToString()),
            new("Form.Category", ""),
        ]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"The new-review form answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return Guid.Parse(response.RedirectTarget()!["/reviews/".Length..]);
    }

    /// <summary>Posts the decision form of one supplier; <paramref name="revision"/> is that of the decision shown.</summary>
    public static Task<HttpResponseMessage> DecideAsync(
        HttpClient executive, Guid reviewId, Guid supplierId, string decision, string owner, string due, string note = "", int revision = 0)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return executive.PostFormAsync($"/reviews/{reviewId}/suppliers/{supplierId}",
        [
            new("Form.Decision", decision),
            new("Form.Owner", owner),
            new("Form.Due", due),
            new("Form.Note", note),
            new("Form.Revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
    }

    /// <summary>A due date this many days from now, as a date input posts it.</summary>
    public static string Due(int days) =>
        DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
