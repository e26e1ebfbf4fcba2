using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Storage;

/// <summary>The scorecard's stored shapes through the node's real grain storage serializer and SQLite file.</summary>
public sealed class ScorecardStorageTests
{
    [Fact]
    public async Task A_scorecard_and_the_settings_survive_a_restart_on_the_embedded_database()
    {
        using var database = new TemporarySqliteDatabase();
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = database.FilePath };
        var supplierId = Guid.NewGuid();
        var scores = new CampaignScores(Guid.NewGuid(), 7,
        [
            new GroupScores(RecipientKind.Evaluator, 2, 2, ScoreSums.Of([40, 60]), [new DimensionSums("quality", ScoreSums.Of([50, 70]))], 1, 0, 1),
            new GroupScores(RecipientKind.Contact, 3, 1, ScoreSums.Of([90]), [], 1, 0, 0),
        ]);
        var changed = ScorecardSettings.Default with { SelfAssessmentWeight = 25, PriorWeight = 5 };
        await using (var first = await TestNode.StartAsync(settings))
        {
            await first.Grains.GetSupplierScorecard(supplierId).ReplaceCampaignAsync(scores);
            Assert.NotNull((await first.Grains.GetScorecardSettings().SaveAsync(changed, 0, "qm@test.local")).Saved);
        }

        await using var second = await TestNode.StartAsync(settings);
        var stored = Assert.Single(await second.Grains.GetSupplierScorecard(supplierId).GetAsync());
        var current = await second.Grains.GetScorecardSettings().GetAsync();

        Assert.Equal((scores.CampaignId, 7), (stored.CampaignId, stored.Revision));
        Assert.Equal(scores.Groups.Select(Describe), stored.Groups.Select(Describe));
        Assert.Equal((1, changed, "qm@test.local"), (current.Version, current.Settings, current.ChangedBy));
    }

    /// <summary>
    /// Campaign state written before the respondent groups were kept apart holds one mixed "MeanScore" per supplier:
    /// it still loads, and the mixed mean is not passed off as either group's.
    /// </summary>
    [Fact]
    public async Task Supplier_progress_stored_with_one_mixed_mean_still_loads()
    {
        await using var node = await TestNode.StartAsync();
        var serializer = node.Services.GetRequiredService<IGrainStorageSerializer>();
        var current = new SupplierProgress(Guid.NewGuid(), "Castings Ltd", 4, 3, 3, 2, 0, 2, 2, 2, 0, 80.5m, 40m);
        var old = JsonNode.Parse(serializer.Serialize(current).ToString())!.AsObject();
        old.Remove("InternalEvaluationMean");
        old.Remove("SelfAssessmentMean");
        old["MeanScore"] = 61.5m;

        var loaded = serializer.Deserialize<SupplierProgress>(BinaryData.FromString(old.ToJsonString()))!;

        Assert.Equal(current with { InternalEvaluationMean = null, SelfAssessmentMean = null }, loaded);
    }

    private static string Describe(GroupScores g) =>
        FormattableString.Invariant($"{g.Group} {g.Invited} {g.Responded} {g.Overall} {string.Join(',', g.Dimensions.Select(d => $"{d.DimensionId}={d.Scores}"))} {g.Promoters}/{g.Passives}/{g.Detractors}");
}
