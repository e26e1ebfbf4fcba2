using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Storage;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Scorecards.Surveys;

namespace SupplierQuality.Integration.Tests.Scorecards;

/// <summary>
/// The other scorecard tests keep state in memory; this one restarts a node on the embedded database, so every stored
/// scorecard and the saved settings are read back through the grain storage's JSON before the pages show them.
/// </summary>
public sealed class ScorecardRestartTests
{
    [Fact]
    public async Task The_ranking_the_scorecard_and_saved_settings_survive_a_restart_on_the_embedded_database()
    {
        using var database = new TemporarySqliteDatabase();
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = database.FilePath };
        TestCampaign campaign;
        SurveyedSupplier a;
        await using (var first = await TestNode.StartAsync(settings))
        {
            (campaign, a, _) = await new Surveys(first).AnsweredAsync("Restart");
            var scorecard = first.Grains.GetScorecardSettings();
            var current = await scorecard.GetAsync();
            Assert.NotNull((await scorecard.SaveAsync(current.Settings with { PriorWeight = 5 }, current.Version, "qm@test.local")).Saved);
        }

        await using var second = await TestNode.StartAsync(settings);
        using var client = await second.CreateSignedInClientAsync(Roles.Executive);
        var ranking = await HtmlPage.GetAsync(client, $"/rankings?period={campaign.Period}");
        var card = await HtmlPage.GetAsync(client, $"/suppliers/{a.Id}/scorecard");
        var key = campaign.Id.ToString("N");

        // m = 5 now: prior (19.5 + 86.5) / 2 = 53, A = (19.5 + 5 · 53) / 6.
        Assert.Contains("(m = 5)", ranking.Text, StringComparison.Ordinal);
        Assert.Contains($"<td id=\"raw-{a.Id}\">{Shown(LowRating.Score)}</td>", ranking.Text, StringComparison.Ordinal);
        Assert.Contains($"<td id=\"score-{a.Id}\">{Shown((LowRating.Score + (5 * 53)) / 6)}</td>", ranking.Text, StringComparison.Ordinal);
        Assert.Contains($"<td id=\"mean-{key}-internal-evaluation\">{Shown(LowRating.Score)} of 100</td>", card.Text, StringComparison.Ordinal);
        Assert.Contains($"<td id=\"mean-{key}-self-assessment\">{Shown(SelfRating.Score)} of 100</td>", card.Text, StringComparison.Ordinal);
        Assert.Contains(">Quality</th>", card.Text, StringComparison.Ordinal);
    }
}
