using CsCheck;

namespace SupplierQuality.Scoring.Tests;

public sealed class MovementTests
{
    // With 2 degrees of freedom the t distribution has the closed form F(t) = 1/2 + t/(2√(2 + t²)), so the two-sided
    // p-value is 2·(1 − F(|t|)) = 1 − |t|/√(2 + t²).

    [Fact]
    public void A_twenty_point_move_on_two_answers_each_is_not_significant()
    {
        // Previous {60, 80}: mean 70, s² = (100 + 100)/1 = 200. Current {80, 100}: mean 90, s² = 200.
        // s²/n = 100 each; t = 20/√200 = √2; ν = 200²/(100²/1 + 100²/1) = 2; p = 1 − √2/√4 = 1 − √2/2.
        var movement = Movement.Between(Aggregate.Of([60, 80]), Aggregate.Of([80, 100]));

        Assert.Equal(Math.Sqrt(2), Assert.NotNull(movement.T), 1e-12);
        Assert.Equal(2, Assert.NotNull(movement.DegreesOfFreedom), 1e-12);
        Assert.Equal(1 - (Math.Sqrt(2) / 2), Assert.NotNull(movement.PValue), 1e-9);
        Assert.False(movement.Significant);
        Assert.Equal(MovementDirection.None, movement.Direction);
    }

    [Fact]
    public void A_ten_point_move_with_little_spread_is_significant_and_points_up()
    {
        // Previous {60, 62}: mean 61, s² = (1 + 1)/1 = 2. Current {70, 72}: mean 71, s² = 2.
        // s²/n = 1 each; t = 10/√2 = 5√2; ν = 2²/(1 + 1) = 2; p = 1 − 5√2/√52 = 1 − √(25/26) = 0.01941932430907984.
        var movement = Movement.Between(Aggregate.Of([60, 62]), Aggregate.Of([70, 72]));

        Assert.Equal(5 * Math.Sqrt(2), Assert.NotNull(movement.T), 1e-12);
        Assert.Equal(2, Assert.NotNull(movement.DegreesOfFreedom), 1e-12);
        Assert.Equal(1 - Math.Sqrt(25.0 / 26), Assert.NotNull(movement.PValue), 1e-9);
        Assert.True(movement.Significant);
        Assert.Equal(MovementDirection.Up, movement.Direction);
    }

    [Fact]
    public void Unequal_spreads_give_fractional_degrees_of_freedom()
    {
        // Previous {60, 70, 80}: mean 70, s² = 100. Current {85, 90, 95}: mean 90, s² = (25 + 0 + 25)/2 = 25.
        // s²/n = 100/3 and 25/3, summing to 125/3; t = 20/√(125/3) = 3.0983866769659335;
        // ν = (125/3)² / ((100/3)²/2 + (25/3)²/2) = (15625/9)/(10625/18) = 50/17 = 2.9411764705882353.
        // p = 2·P(T_ν ≤ −t) = I_{ν/(ν + t²)}(ν/2, 1/2) = 0.05478676604107642 (regularized incomplete beta, mpmath at
        // 40 digits): just above 0.05, so three answers each do not carry a 20-point move.
        var movement = Movement.Between(Aggregate.Of([60, 70, 80]), Aggregate.Of([85, 90, 95]));

        Assert.Equal(20 / Math.Sqrt(125.0 / 3), Assert.NotNull(movement.T), 1e-12);
        Assert.Equal(50.0 / 17, Assert.NotNull(movement.DegreesOfFreedom), 1e-12);
        Assert.Equal(0.05478676604107642, Assert.NotNull(movement.PValue), 1e-9);
        Assert.False(movement.Significant);
    }

    [Fact]
    public void One_side_without_spread_is_tested_against_the_other_sides_spread()
    {
        // Previous {80, 80, 80}: s² = 0. Current {85, 90, 95}: mean 90, s²/n = 25/3.
        // t = 10/√(25/3) = 2√3; ν = (25/3)²/((25/3)²/2) = 2; p = 1 − 2√3/√14 = 1 − √(6/7) = 0.07417990022744858.
        var movement = Movement.Between(Aggregate.Of([80, 80, 80]), Aggregate.Of([85, 90, 95]));

        Assert.Equal(2 * Math.Sqrt(3), Assert.NotNull(movement.T), 1e-12);
        Assert.Equal(2, Assert.NotNull(movement.DegreesOfFreedom), 1e-12);
        Assert.Equal(1 - Math.Sqrt(6.0 / 7), Assert.NotNull(movement.PValue), 1e-9);
    }

    [Fact]
    public void Swapping_the_sides_keeps_p_and_reverses_the_direction()
    {
        var up = Movement.Between(Aggregate.Of([60, 62]), Aggregate.Of([70, 72]));
        var down = Movement.Between(Aggregate.Of([70, 72]), Aggregate.Of([60, 62]));

        Assert.Equal(up.PValue, down.PValue);
        Assert.Equal(MovementDirection.Down, down.Direction);
    }

    [Fact]
    public void With_fewer_than_two_scores_on_a_side_nothing_is_tested()
    {
        var movement = Movement.Between(Aggregate.Of([20]), Aggregate.Of([90, 95, 100]));

        Assert.Equal(Movement.Untested, movement);
        Assert.Null(movement.PValue);
        Assert.False(movement.Significant);
        Assert.Equal(MovementDirection.None, movement.Direction);
        Assert.Equal(Movement.Untested, Movement.Between(default, Aggregate.Of([90, 95])));
    }

    [Fact]
    public void Without_spread_on_either_side_nothing_is_tested()
    {
        var movement = Movement.Between(Aggregate.Of([80, 80]), Aggregate.Of([90, 90, 90]));

        Assert.Equal(Movement.Untested, movement);
        Assert.Equal(MovementDirection.None, movement.Direction);
    }

    [Fact]
    public void Welch_is_symmetric_in_p_and_opposite_in_direction()
    {
        // Whole-number scores, so that equal scores and sides without spread come up.
        var side = Gen.Int[0, 100].Select(x => (double)x).Array[1, 8];
        Gen.Select(side, side).Sample((a, b) =>
        {
            var forward = Movement.Between(Aggregate.Of(a), Aggregate.Of(b));
            var backward = Movement.Between(Aggregate.Of(b), Aggregate.Of(a));

            Assert.Equal(forward.PValue, backward.PValue);
            Assert.Equal(forward.DegreesOfFreedom, backward.DegreesOfFreedom);
            Assert.Equal(forward.T, -backward.T);
            Assert.Equal(Opposite(forward.Direction), backward.Direction);
            if (forward.PValue is { } p)
            {
                Assert.InRange(p, 0, 1);
            }
        });
    }

    private static MovementDirection Opposite(MovementDirection direction) => direction switch
    {
        MovementDirection.Up => MovementDirection.Down,
        MovementDirection.Down => MovementDirection.Up,
        _ => MovementDirection.None,
    };
}
