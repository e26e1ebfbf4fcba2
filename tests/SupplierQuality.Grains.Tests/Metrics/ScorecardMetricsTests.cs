using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Tests.Metrics;

/// <summary>Objective metrics stored on a supplier's scorecard grain.</summary>
public sealed class ScorecardMetricsTests(ClusterFixture fixture)
{
    private const string By = "qm@test.local";

    private MetricQuarter ThisQuarter => MetricQuarter.Of(fixture.Time.GetUtcNow());

    private ISupplierScorecardGrain NewScorecard() => fixture.Grains.GetSupplierScorecard(Guid.NewGuid());

    private MetricValue Otd(double value) => new(MetricInput.OnTimeDelivery, ThisQuarter, value, 95, MetricDirection.HigherIsBetter);

    private MetricValue Ppm(double value) => new(MetricInput.DefectPpm, ThisQuarter, value, 250, MetricDirection.LowerIsBetter);

    [Fact]
    public async Task Importing_the_same_metrics_again_changes_nothing()
    {
        var scorecard = NewScorecard();

        var first = await scorecard.ImportMetricsAsync([Otd(96.5), Ppm(180)], By);
        var stored = await scorecard.GetMetricsAsync();
        var again = await scorecard.ImportMetricsAsync([Otd(96.5), Ppm(180)], "someone@else.test");

        Assert.Equal((2, 0, 0), (first.Added, first.Replaced, first.Unchanged));
        Assert.Equal((0, 0, 2), (again.Added, again.Replaced, again.Unchanged));
        Assert.Equal(stored, await scorecard.GetMetricsAsync());
        Assert.All(stored, m => Assert.Equal(By, m.ImportedBy));
    }

    [Fact]
    public async Task A_new_value_of_the_same_metric_and_quarter_replaces_the_old_one_whatever_its_spelling()
    {
        var scorecard = NewScorecard();
        await scorecard.ImportMetricsAsync([Ppm(180), Otd(90)], By);

        var result = await scorecard.ImportMetricsAsync([Ppm(300) with { Name = "defect_ppm" }], By);

        var stored = (await scorecard.GetMetricsAsync()).Select(m => m.Metric).ToList();
        Assert.Equal((0, 1, 0), (result.Added, result.Replaced, result.Unchanged));
        Assert.Equal(2, stored.Count);
        Assert.Equal(300, Assert.Single(stored, m => m.Direction == MetricDirection.LowerIsBetter).Value);
    }

    [Fact]
    public async Task A_metric_of_another_quarter_is_kept_beside_this_one()
    {
        var scorecard = NewScorecard();
        var earlier = ThisQuarter.Quarter == 1 ? new MetricQuarter(ThisQuarter.Year - 1, 4) : ThisQuarter with { Quarter = ThisQuarter.Quarter - 1 };

        await scorecard.ImportMetricsAsync([Otd(90) with { Period = earlier }], By);
        await scorecard.ImportMetricsAsync([Otd(97)], By);

        var stored = await scorecard.GetMetricsAsync();
        Assert.Equal([(ThisQuarter, 97.0), (earlier, 90.0)], stored.Select(m => (m.Metric.Period, m.Metric.Value)));
    }

    [Fact]
    public async Task A_batch_with_one_bad_metric_writes_nothing()
    {
        var scorecard = NewScorecard();
        await scorecard.ImportMetricsAsync([Otd(90)], By);

        var result = await scorecard.ImportMetricsAsync([Otd(99), Ppm(100) with { Target = double.NaN }], By);

        Assert.Equal($"{MetricInput.DefectPpm} in {ThisQuarter}: Enter the target as a number, such as 95.", Assert.Single(result.Errors));
        Assert.Equal(90, Assert.Single(await scorecard.GetMetricsAsync()).Metric.Value);
    }

    [Fact]
    public async Task The_same_metric_twice_in_one_batch_is_refused()
    {
        var scorecard = NewScorecard();

        var result = await scorecard.ImportMetricsAsync([Otd(90), Otd(91)], By);

        Assert.Contains($"{MetricInput.OnTimeDelivery} in {ThisQuarter} is in the batch twice.", result.Errors);
        Assert.Empty(await scorecard.GetMetricsAsync());
    }

    [Fact]
    public async Task A_quarter_holds_at_most_the_bounded_number_of_metrics()
    {
        var scorecard = NewScorecard();
        MetricValue Named(int i) => new($"Metric {i}", ThisQuarter, i, 10, MetricDirection.HigherIsBetter);
        await scorecard.ImportMetricsAsync([.. Enumerable.Range(1, MetricInput.MaxPerQuarter).Select(Named)], By);

        var refused = await scorecard.ImportMetricsAsync([Named(MetricInput.MaxPerQuarter + 1)], By);
        var replaced = await scorecard.ImportMetricsAsync([Named(1) with { Value = 5 }], By);

        Assert.Equal($"{ThisQuarter} would have 21 metrics; a supplier can have at most 20 a quarter.", Assert.Single(refused.Errors));
        Assert.Equal(1, replaced.Replaced);
        Assert.Equal(MetricInput.MaxPerQuarter, (await scorecard.GetMetricsAsync()).Count);
    }

    [Fact]
    public async Task Survey_lines_and_metrics_live_side_by_side()
    {
        var scorecard = NewScorecard();
        var line = new CampaignScores(Guid.NewGuid(), 1, []);

        await scorecard.ImportMetricsAsync([Otd(90)], By);
        await scorecard.ReplaceCampaignAsync(line);

        Assert.Single(await scorecard.GetAsync());
        Assert.Single(await scorecard.GetMetricsAsync());
    }
}
