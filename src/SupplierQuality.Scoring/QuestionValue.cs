namespace SupplierQuality.Scoring;

/// <summary>
/// An answer's value on the 0-100 score scale: Likert point x of k is 100·(x − 1)/(k − 1), a 0-10 rating x is 10·x,
/// yes is 100 and no is 0, and a number is 100 inside its target range, falling linearly to 0 at the scale's ends.
/// </summary>
public static class QuestionValue
{
    public static double Likert(int point, int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(point, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(point, points);
        return 100.0 * (point - 1) / (points - 1);
    }

    public static double Rating(int rating)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rating);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, 10);
        return 10.0 * rating;
    }

    public static double YesNo(bool yes) => yes ? 100 : 0;

    /// <summary>
    /// 100 from <paramref name="targetLow"/> to <paramref name="targetHigh"/>; below, linear down to 0 at
    /// <paramref name="min"/>; above, linear down to 0 at <paramref name="max"/>. Without an end beyond the target on
    /// that side, any value outside the target is 0.
    /// </summary>
    public static double Number(double value, double? min, double targetLow, double targetHigh, double? max)
    {
        Check.Finite(value);
        Check.Finite(targetLow);
        Check.Finite(targetHigh);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetLow, targetHigh);
        if (value >= targetLow && value <= targetHigh)
        {
            return 100;
        }

        if (value < targetLow)
        {
            return min is { } low && targetLow > low ? Math.Max(0, 100 * (value - low) / (targetLow - low)) : 0;
        }

        return max is { } high && high > targetHigh ? Math.Max(0, 100 * (high - value) / (high - targetHigh)) : 0;
    }
}
