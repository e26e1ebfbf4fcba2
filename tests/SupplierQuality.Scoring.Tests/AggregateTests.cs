using CsCheck;

namespace SupplierQuality.Scoring.Tests;

public sealed class AggregateTests
{
    // t(0.975, 2) in closed form: the t distribution with 2 degrees of freedom has F(t) = 1/2 + t/(2√(2 + t²)), so
    // F(t) = 0.975 gives t/√(2 + t²) = 0.95, t² = 0.9025·2/(1 − 0.9025) = 18.512820512820513, t = 4.302652729749464.
    // (Tables that print 4.302652729911275 carry a root-finder's error in the tenth decimal.)
    private const double T975With2DegreesOfFreedom = 4.302652729749464;

    [Fact]
    public void Mean_standard_deviation_and_interval_of_60_70_80()
    {
        var aggregate = Aggregate.Of([60, 70, 80]);

        // Σx = 210, Σx² = 3600 + 4900 + 6400 = 14900; Σ(x − 70)² = 14900 − 210²/3 = 200; s² = 200/2 = 100.
        // Half width = 4.302652729749464 · 10/√3 = 24.841377117503311.
        Assert.Equal((3, 210.0, 14900.0), (aggregate.Count, aggregate.Sum, aggregate.SumOfSquares));
        Assert.Equal(70, Assert.NotNull(aggregate.Mean), 1e-12);
        Assert.Equal(10, Assert.NotNull(aggregate.StandardDeviation), 1e-12);
        var interval = Assert.NotNull(aggregate.ConfidenceInterval95);
        Assert.Equal(24.841377117503311, interval.HalfWidth, 1e-9);
        Assert.Equal(70 - 24.841377117503311, interval.Lower, 1e-9);
        Assert.Equal(70 + 24.841377117503311, interval.Upper, 1e-9);
        Assert.Equal(T975With2DegreesOfFreedom * 10 / Math.Sqrt(3), interval.HalfWidth, 1e-9);
    }

    [Fact]
    public void An_empty_aggregate_has_no_mean_no_spread_and_no_interval()
    {
        var empty = default(Aggregate);

        Assert.Equal(0, empty.Count);
        Assert.Null(empty.Mean);
        Assert.Null(empty.StandardDeviation);
        Assert.Null(empty.ConfidenceInterval95);
    }

    [Fact]
    public void One_score_has_a_mean_but_no_spread_and_no_interval()
    {
        var one = default(Aggregate).Add(42);

        Assert.Equal(42, one.Mean);
        Assert.Null(one.StandardDeviation);
        Assert.Null(one.ConfidenceInterval95);
    }

    [Fact]
    public void Identical_scores_have_a_spread_of_exactly_zero_and_a_zero_width_interval()
    {
        // 66.7 has no exact binary form, so Σx² − (Σx)²/n leaves rounding noise that must not read as spread.
        var aggregate = Aggregate.Of([66.7, 66.7, 66.7, 66.7, 66.7, 66.7, 66.7]);

        Assert.Equal(0, aggregate.StandardDeviation);
        Assert.Equal(0, Assert.NotNull(aggregate.ConfidenceInterval95).HalfWidth);
    }

    [Fact]
    public void Replacing_an_answer_removes_the_old_score_and_adds_the_new()
    {
        var aggregate = Aggregate.Of([60, 70]).Remove(60).Add(80);

        Assert.Equal(Aggregate.Of([70, 80]), aggregate);
        Assert.Equal(75, aggregate.Mean);
    }

    [Fact]
    public void Removing_the_last_score_leaves_exactly_the_empty_aggregate()
    {
        var aggregate = default(Aggregate).Add(0.1).Add(0.2).Remove(0.1).Remove(0.2);

        Assert.Equal(default, aggregate);
    }

    [Fact]
    public void Removing_from_an_empty_aggregate_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => default(Aggregate).Remove(50));
    }

    [Fact]
    public void A_score_that_is_not_a_finite_number_and_a_negative_count_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Aggregate(-1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => default(Aggregate).Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => default(Aggregate).Add(double.PositiveInfinity));
    }

    [Fact]
    public void Combining_two_aggregates_equals_aggregating_all_their_scores()
    {
        var combined = Aggregate.Of([60, 70]).Combine(Aggregate.Of([80]));

        Assert.Equal(Aggregate.Of([60, 70, 80]), combined);
    }

    [Fact]
    public void An_aggregate_rebuilt_from_count_mean_and_deviation_has_the_same_sums()
    {
        // Σx = 3·70 = 210; Σx² = (3 − 1)·10² + 3·70² = 200 + 14700 = 14900.
        var aggregate = Aggregate.FromSummary(3, 70, 10);

        Assert.Equal(Aggregate.Of([60, 70, 80]), aggregate);
        Assert.Equal(default, Aggregate.FromSummary(0, 0, 0));
    }

    [Fact]
    public void Adding_then_removing_scores_restores_the_aggregate()
    {
        var scores = Gen.Double[0, 100].Array[0, 30];
        Gen.Select(scores, Gen.Double[0, 100].Array[1, 30]).Sample((start, extra) =>
        {
            var before = Aggregate.Of(start);
            var after = before;
            foreach (var x in extra)
            {
                after = after.Add(x);
            }

            foreach (var x in Enumerable.Reverse(extra))
            {
                after = after.Remove(x);
            }

            Assert.Equal(before.Count, after.Count);
            Assert.Equal(before.Sum, after.Sum, Tolerance(before.Sum));
            Assert.Equal(before.SumOfSquares, after.SumOfSquares, Tolerance(before.SumOfSquares));
            Assert.Equal(before.Mean ?? 0, after.Mean ?? 0, 1e-9);
        });
    }

    [Fact]
    public void Mean_and_deviation_agree_with_a_two_pass_computation_over_the_scores()
    {
        Gen.Double[0, 100].Array[2, 50].Sample(scores =>
        {
            var aggregate = Aggregate.Of(scores);
            var mean = scores.Sum() / scores.Length;
            var sd = Math.Sqrt(scores.Sum(x => (x - mean) * (x - mean)) / (scores.Length - 1));

            Assert.Equal(mean, Assert.NotNull(aggregate.Mean), 1e-9);
            Assert.Equal(sd, Assert.NotNull(aggregate.StandardDeviation), 1e-6);
        });
    }

    private static double Tolerance(double value) => 1e-9 * Math.Max(1, Math.Abs(value));
}
