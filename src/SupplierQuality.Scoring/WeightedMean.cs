namespace SupplierQuality.Scoring;

internal static class WeightedMean
{
    /// <summary>Σ wᵢ·xᵢ / Σ wᵢ over the parts with a weight above 0; null when there is none.</summary>
    public static double? Of(IEnumerable<(double Score, double Weight)> parts)
    {
        double weighted = 0, weights = 0, lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        foreach (var (score, weight) in parts)
        {
            Check.Finite(weight);
            ArgumentOutOfRangeException.ThrowIfNegative(weight);
            Check.Finite(score);
            if (weight == 0)
            {
                continue;
            }

            weighted += weight * score;
            weights += weight;
            lowest = Math.Min(lowest, score);
            highest = Math.Max(highest, score);
        }

        // Rounding can miss equal scores by a last digit (three 100s giving 99.99999999999999), and a score at a
        // standing's threshold must not fall below it.
        return weights == 0 ? null : Math.Clamp(weighted / weights, lowest, highest);
    }
}
