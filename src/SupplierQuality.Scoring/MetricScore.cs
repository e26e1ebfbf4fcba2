namespace SupplierQuality.Scoring;

/// <summary>Whether a larger value of an objective metric is better (on-time delivery %) or worse (defect PPM).</summary>
public enum MetricDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>
/// An objective metric's value on the 0-100 score scale: 100 at or beyond the target, 0 at or beyond the worst
/// value, linear in between. The worst value defaults to 0 when higher is better and to 10 × target when lower is
/// better.
/// </summary>
public static class MetricScore
{
    /// <summary>
    /// A lower-is-better target's default worst value, as a multiple of the target. Defect rates spread over orders
    /// of magnitude; ten times the target is where a rate has clearly left the acceptable range.
    /// </summary>
    public const double DefaultWorstFactor = 10;

    /// <exception cref="ArgumentException">
    /// The worst value is not on the bad side of the target, which happens by default for a higher-is-better target
    /// of 0 or below or a lower-is-better target of 0 or below (zero defects): give <paramref name="worst"/> then.
    /// </exception>
    public static double Of(double value, double target, MetricDirection direction, double? worst = null)
    {
        Check.Finite(value);
        Check.Finite(target);
        if (direction is not (MetricDirection.HigherIsBetter or MetricDirection.LowerIsBetter))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown metric direction.");
        }

        var higherIsBetter = direction == MetricDirection.HigherIsBetter;
        var bad = Check.Finite(worst ?? (higherIsBetter ? 0 : DefaultWorstFactor * target), nameof(worst));
        if (higherIsBetter ? bad >= target : bad <= target)
        {
            throw new ArgumentException($"The worst value must be {(higherIsBetter ? "below" : "above")} the target.", nameof(worst));
        }

        var score = higherIsBetter ? 100 * (value - bad) / (target - bad) : 100 * (bad - value) / (bad - target);
        return Math.Clamp(score, 0, 100);
    }
}
