using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Storage;
using SupplierQuality.Scoring;

namespace SupplierQuality.Integration.Tests.Metrics;

/// <summary>The stored shapes metrics added, through the node's real grain storage serializer and SQLite file.</summary>
public sealed class MetricStorageTests
{
    [Fact]
    public async Task Metrics_and_the_metrics_weight_survive_a_restart_on_the_embedded_database()
    {
        using var database = new TemporarySqliteDatabase();
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = database.FilePath };
        var supplierId = Guid.NewGuid();
        var quarter = MetricQuarter.Of(DateTimeOffset.UtcNow);
        MetricValue[] metrics =
        [
            new(MetricInput.DefectPpm, quarter, 0, 0, MetricDirection.LowerIsBetter, 500),
            new("Lead time days", quarter, 12.5, 10, MetricDirection.LowerIsBetter),
        ];
        var weighted = ScorecardSettings.Default with { MetricsWeight = 12.5 };
        await using (var first = await TestNode.StartAsync(settings))
        {
            Assert.Equal(2, (await first.Grains.GetSupplierScorecard(supplierId).ImportMetricsAsync(metrics, "qm@test.local")).Added);
            Assert.NotNull((await first.Grains.GetScorecardSettings().SaveAsync(weighted, 0, "qm@test.local")).Saved);
        }

        await using var second = await TestNode.StartAsync(settings);
        var stored = await second.Grains.GetSupplierScorecard(supplierId).GetMetricsAsync();
        var again = await second.Grains.GetSupplierScorecard(supplierId).ImportMetricsAsync(metrics, "qm@test.local");

        Assert.Equal(metrics.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase), stored.Select(s => s.Metric));
        Assert.Equal(2, again.Unchanged);
        Assert.Equal(12.5, (await second.Grains.GetScorecardSettings().GetAsync()).Settings.MetricsWeight);
    }

    /// <summary>A scorecard stored before metrics existed has no "Metrics": it loads with its lines and no metrics.</summary>
    [Fact]
    public async Task A_scorecard_stored_before_metrics_still_loads()
    {
        await using var node = await TestNode.StartAsync();
        var serializer = node.Services.GetRequiredService<IGrainStorageSerializer>();
        var current = new SupplierScorecardState
        {
            Campaigns = [new CampaignScores(Guid.NewGuid(), 3, [new GroupScores(RecipientKind.Evaluator, 2, 1, ScoreSums.Of([70]), [], 0, 1, 0)]).ForStorage()],
        };
        var old = JsonNode.Parse(serializer.Serialize(current).ToString())!.AsObject();
        Assert.True(old.Remove("Metrics"));

        var loaded = serializer.Deserialize<SupplierScorecardState>(BinaryData.FromString(old.ToJsonString()))!;

        Assert.Equal((current.Campaigns[0].CampaignId, 3, 1), (loaded.Campaigns[0].CampaignId, loaded.Campaigns[0].Revision, loaded.Campaigns[0].Groups[0].Responded));
        Assert.NotNull(loaded.Metrics);
        Assert.Empty(loaded.Metrics);
    }

    /// <summary>Settings saved before metrics existed have no "MetricsWeight": they load with 0, shown and not ranked.</summary>
    [Fact]
    public async Task Settings_stored_before_metrics_load_with_a_metrics_weight_of_0()
    {
        await using var node = await TestNode.StartAsync();
        var serializer = node.Services.GetRequiredService<IGrainStorageSerializer>();
        var saved = ScorecardSettings.Default with { SelfAssessmentWeight = 25, PriorWeight = 5, MetricsWeight = 7 };
        var current = new ScorecardSettingsState { Versions = [new ScorecardSettingsVersion(1, saved, "qm@test.local", DateTimeOffset.UnixEpoch)] };
        var old = JsonNode.Parse(serializer.Serialize(current).ToString())!.AsObject();
        Assert.True(FindObjectWith(old, "MetricsWeight")!.Remove("MetricsWeight"));

        var loaded = serializer.Deserialize<ScorecardSettingsState>(BinaryData.FromString(old.ToJsonString()))!;

        Assert.Equal(saved with { MetricsWeight = 0 }, Assert.Single(loaded.Versions).Settings);
    }

    /// <summary>The JSON object that has the property, wherever the serializer nested it; null when none has.</summary>
    private static JsonObject? FindObjectWith(JsonNode? node, string property) => node switch
    {
        JsonObject o when o.ContainsKey(property) => o,
        JsonObject o => o.Select(p => FindObjectWith(p.Value, property)).FirstOrDefault(found => found is not null),
        JsonArray a => a.Select(child => FindObjectWith(child, property)).FirstOrDefault(found => found is not null),
        _ => null,
    };
}
