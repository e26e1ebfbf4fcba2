using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Tests.Scorecards;

/// <summary>Objective metrics blended into rankings, against values worked out by hand.</summary>
public sealed class RankingCalculatorMetricsTests
{
    private static readonly Guid Campaign = Guid.NewGuid();
    private static readonly MetricQuarter Q2 = new(2026, 2);
    private static readonly MetricQuarter Q1 = new(2026, 1);
    private static readonly RankingCalculator.PeriodParts Period = new(new HashSet<Guid> { Campaign }, new HashSet<MetricQuarter> { Q2 });
    private static readonly ScorecardSettings Weighted = ScorecardSettings.Default with { MetricsWeight = 25 };

    private static RankingCalculator.SupplierLines Supplier(string name, int? evaluation, params MetricValue[] metrics) =>
        new(
            new RankedSupplier(Guid.NewGuid(), name, "castings"),
            [new CampaignScores(Campaign, 1, [new GroupScores(RecipientKind.Evaluator, 1, evaluation is null ? 0 : 1, evaluation is { } e ? ScoreSums.Of([e]) : ScoreSums.Empty, [], 0, 0, 0)])],
            metrics);

    private static MetricValue Otd(double value, MetricQuarter? quarter = null) =>
        new(MetricInput.OnTimeDelivery, quarter ?? Q2, value, 95, MetricDirection.HigherIsBetter);

    private static MetricValue Ppm(double value) => new(MetricInput.DefectPpm, Q2, value, 250, MetricDirection.LowerIsBetter);

    private static IReadOnlyList<RankingRow> Rank(ScorecardSettings settings, RankingCalculator.PeriodParts period, params RankingCalculator.SupplierLines[] suppliers) =>
        RankingCalculator.Rank(suppliers, period, RankingCalculator.PeriodParts.None, null, settings);

    [Fact]
    public void Metrics_blend_into_the_raw_score_by_their_weight_and_move_the_prior()
    {
        // A: on-time 90 against 95 scores 100·90/95 = 94.7368; 500 PPM against 250 (worst 2500) scores
        // 100·(2500 − 500)/(2500 − 250) = 88.8889; their mean 91.8129. Raw = (100·40 + 25·91.8129)/125 = 50.3626.
        // B has no metrics: raw = its evaluation, 80. Prior = 65.1813; A = (50.3626 + 3·65.1813)/4 = 61.4766.
        var a = Supplier("A", 40, Otd(90), Ppm(500));
        var b = Supplier("B", 80);

        var rows = Rank(Weighted, Period, a, b);

        var rowA = rows.Single(r => r.Name == "A");
        var rowB = rows.Single(r => r.Name == "B");
        Assert.Equal(91.81286549707602, rowA.MetricsScore!.Value, 9);
        Assert.Equal([MetricInput.DefectPpm, MetricInput.OnTimeDelivery], rowA.Metrics.Select(m => m.Name));
        Assert.Equal(88.88888888888889, rowA.Metrics[0].Score, 9);
        Assert.Equal(94.73684210526316, rowA.Metrics[1].Score, 9);
        Assert.Equal(50.3625730994152, rowA.RawScore!.Value, 9);
        Assert.Equal(61.4766081871345, rowA.RankingScore!.Value, 9);
        Assert.Equal(80.0, rowB.RawScore!.Value, 9);
        Assert.Equal(68.88596491228071, rowB.RankingScore!.Value, 9);
        Assert.Null(rowB.MetricsScore);
        Assert.Equal([1, 2], new[] { rowB.Rank!.Value, rowA.Rank!.Value });
    }

    [Fact]
    public void With_a_weight_of_0_metrics_are_shown_but_the_raw_score_is_the_survey_alone()
    {
        var rows = Rank(ScorecardSettings.Default, Period, Supplier("A", 40, Otd(90)));

        Assert.Equal(40.0, rows[0].RawScore!.Value, 9);
        Assert.Equal(94.73684210526316, rows[0].MetricsScore!.Value, 9);
    }

    [Fact]
    public void Metrics_alone_give_no_score_and_no_rank()
    {
        var rows = Rank(Weighted, Period, Supplier("Silent", null, Otd(99)), Supplier("Answered", 70));

        var silent = rows.Single(r => r.Name == "Silent");
        Assert.Equal((null, null, null, null), (silent.Rank, silent.RawScore, silent.RankingScore, silent.Standing));
        Assert.NotNull(silent.MetricsScore);
        Assert.Equal(70, rows.Single(r => r.Name == "Answered").RankingScore!.Value, 9);
    }

    [Fact]
    public void Metrics_of_a_quarter_outside_the_period_do_not_count()
    {
        var rows = Rank(Weighted, Period, Supplier("A", 40, Otd(10, Q1)));

        Assert.Null(rows[0].MetricsScore);
        Assert.Empty(rows[0].Metrics);
        Assert.Equal(40, rows[0].RawScore!.Value, 9);
    }

    [Fact]
    public void A_year_takes_the_mean_of_each_metrics_quarterly_scores()
    {
        // Q1: 80 against 95 scores 84.2105; Q2: 90 scores 94.7368; the year's on-time score is their mean, 89.4737.
        var year = new RankingCalculator.PeriodParts(new HashSet<Guid> { Campaign }, MetricQuarter.OfYear(2026).ToHashSet());

        var rows = Rank(Weighted, year, Supplier("A", 40, Otd(80, Q1), Otd(90)));

        var metric = Assert.Single(rows[0].Metrics);
        Assert.Equal(2, metric.Quarters);
        Assert.Equal(89.47368421052633, metric.Score, 9);
        Assert.Equal(((100 * 40) + (25 * 89.47368421052633)) / 125, rows[0].RawScore!.Value, 9);
    }

    [Fact]
    public void The_previous_period_is_blended_with_its_own_quarters_metrics()
    {
        var earlier = Guid.NewGuid();
        var supplier = new RankingCalculator.SupplierLines(
            new RankedSupplier(Guid.NewGuid(), "A", null),
            [
                new CampaignScores(earlier, 1, [new GroupScores(RecipientKind.Evaluator, 1, 1, ScoreSums.Of([60]), [], 0, 0, 0)]),
                new CampaignScores(Campaign, 1, [new GroupScores(RecipientKind.Evaluator, 1, 1, ScoreSums.Of([40]), [], 0, 0, 0)]),
            ],
            [Otd(90, Q1), Otd(95)]);
        var previous = new RankingCalculator.PeriodParts(new HashSet<Guid> { earlier }, new HashSet<MetricQuarter> { Q1 });

        var row = RankingCalculator.Rank([supplier], Period, previous, null, Weighted).Single();

        Assert.Equal(((100 * 60) + (25 * 100 * 90 / 95.0)) / 125, row.PreviousRawScore!.Value, 9);
        Assert.Equal(((100 * 40) + (25 * 100)) / 125.0, row.RawScore!.Value, 9);
    }
}
