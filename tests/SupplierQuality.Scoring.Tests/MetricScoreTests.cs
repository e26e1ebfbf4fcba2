using CsCheck;

namespace SupplierQuality.Scoring.Tests;

public sealed class MetricScoreTests
{
    [Theory]
    [InlineData(99, 100)]
    [InlineData(95, 100)]
    [InlineData(47.5, 50)]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    public void On_time_delivery_scores_100_at_its_target_of_95_falling_linearly_to_0_at_0(double value, double expected)
    {
        Assert.Equal(expected, MetricScore.Of(value, 95, MetricDirection.HigherIsBetter), 1e-12);
    }

    [Fact]
    public void Ninety_percent_on_time_against_95_scores_94_74()
    {
        // 100·(90 − 0)/(95 − 0) = 94.73684210526316.
        Assert.Equal(9000.0 / 95, MetricScore.Of(90, 95, MetricDirection.HigherIsBetter), 1e-12);
    }

    [Fact]
    public void A_stricter_worst_value_steepens_the_scale()
    {
        // 100·(90 − 80)/(95 − 80) = 66.66666666666667.
        Assert.Equal(200.0 / 3, MetricScore.Of(90, 95, MetricDirection.HigherIsBetter, worst: 80), 1e-12);
        Assert.Equal(0, MetricScore.Of(75, 95, MetricDirection.HigherIsBetter, worst: 80));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(500, 100)]
    [InlineData(1000, 88.888888888888889)]
    [InlineData(2750, 50)]
    [InlineData(5000, 0)]
    [InlineData(8000, 0)]
    public void Defect_ppm_scores_100_at_its_target_of_500_falling_linearly_to_0_at_ten_times_the_target(double value, double expected)
    {
        // Worst = 10·500 = 5000; e.g. 1000 ppm: 100·(5000 − 1000)/(5000 − 500) = 400000/4500 = 88.888….
        Assert.Equal(expected, MetricScore.Of(value, 500, MetricDirection.LowerIsBetter), 1e-9);
    }

    [Fact]
    public void A_lower_is_better_target_of_zero_needs_an_explicit_worst_value()
    {
        Assert.Throws<ArgumentException>(() => MetricScore.Of(25, 0, MetricDirection.LowerIsBetter));

        // 100·(100 − 25)/(100 − 0) = 75.
        Assert.Equal(75, MetricScore.Of(25, 0, MetricDirection.LowerIsBetter, worst: 100));
    }

    [Fact]
    public void A_worst_value_on_the_good_side_of_the_target_and_other_nonsense_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MetricScore.Of(90, 95, MetricDirection.HigherIsBetter, worst: 99));
        Assert.Throws<ArgumentException>(() => MetricScore.Of(90, 500, MetricDirection.LowerIsBetter, worst: 500));
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricScore.Of(double.NaN, 95, MetricDirection.HigherIsBetter));
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricScore.Of(90, 95, (MetricDirection)7, worst: 0));
    }

    [Fact]
    public void A_metric_score_lies_from_0_to_100()
    {
        var direction = Gen.OneOf(MetricDirection.HigherIsBetter, MetricDirection.LowerIsBetter);
        Gen.Select(Gen.Double[-1e6, 1e6], Gen.Double[0.001, 1e5], direction, Gen.Double[0.001, 1e5]).Sample((value, target, way, gap) =>
        {
            var worst = way == MetricDirection.HigherIsBetter ? target - gap : target + gap;

            Assert.InRange(MetricScore.Of(value, target, way), 0, 100);
            Assert.InRange(MetricScore.Of(value, target, way, worst), 0, 100);
        });
    }
}
