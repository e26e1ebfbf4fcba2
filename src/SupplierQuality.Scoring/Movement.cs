using MathNet.Numerics.Distributions;

namespace SupplierQuality.Scoring;

/// <summary>Which way a score moved; <see cref="None"/> unless the move is significant.</summary>
public enum MovementDirection
{
    None,
    Up,
    Down,
}

/// <summary>
/// Welch's unequal-variances t-test of a score's move from a previous sample (n₁, mean₁, s₁) to a current one
/// (n₂, mean₂, s₂): t = (mean₂ − mean₁)/√(s₁²/n₁ + s₂²/n₂), Welch–Satterthwaite degrees of freedom
/// ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)), two-sided p = 2·P(T_ν ≤ −|t|). The move is
/// significant when p &lt; 0.05, and only then has a direction.
/// </summary>
public sealed record Movement(double? T, double? DegreesOfFreedom, double? PValue)
{
    public const double SignificanceLevel = 0.05;

    /// <summary>No test could be made.</summary>
    public static Movement Untested { get; } = new(null, null, null);

    public bool Significant => PValue < SignificanceLevel;

    public MovementDirection Direction => !Significant ? MovementDirection.None
        : T > 0 ? MovementDirection.Up
        : MovementDirection.Down;

    /// <summary>
    /// The test of <paramref name="current"/> against <paramref name="previous"/>; <see cref="Untested"/> when either
    /// side has fewer than 2 scores or neither side has any spread.
    /// </summary>
    /// <remarks>
    /// With fewer than 2 scores a side has no variance estimate, so there is nothing to measure the difference
    /// against. With no spread on either side the standard error is 0 and t is infinite (or 0/0): the test would call
    /// any difference, however small, certain, which for a handful of identical answers is an artefact of the sample,
    /// not evidence; an arrow shown on it would be the noise the test is there to hide.
    /// </remarks>
    public static Movement Between(Aggregate previous, Aggregate current)
    {
        if (previous is not { Mean: { } mean1, Variance: { } variance1 }
            || current is not { Mean: { } mean2, Variance: { } variance2 }
            || (variance1 == 0 && variance2 == 0))
        {
            return Untested;
        }

        // Each term once and sums of two terms only, so swapping the sides swaps the addends and negates t exactly:
        // the same p, the opposite direction.
        var error1 = variance1 / previous.Count;
        var error2 = variance2 / current.Count;
        var t = (mean2 - mean1) / Math.Sqrt(error1 + error2);
        var df = (error1 + error2) * (error1 + error2)
            / ((error1 * error1 / (previous.Count - 1)) + (error2 * error2 / (current.Count - 1)));
        var p = Math.Min(1, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)));
        return new Movement(t, df, p);
    }
}
