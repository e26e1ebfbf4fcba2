namespace SupplierQuality.Scoring;

/// <summary>
/// Ranking scores and ranks. The ranking score is the Bayesian average (n·mean + m·prior)/(n + m), where the prior
/// is the mean of the scope and m (default 3) is how many responses' worth of weight the prior carries; a supplier
/// with no response has no ranking score. Ranks are competition ranks (1, 2, 2, 4) by ranking score, descending.
/// </summary>
public static class Ranking
{
    public const double DefaultPriorWeight = 3;

    /// <summary>
    /// Scores that differ by at most this much share a rank. It absorbs the last-digit differences of one value
    /// reached by two roundings (the mean of 70.3, 70.4 and 70.5 comes out as 70.39999999999999, not 70.4), while any
    /// difference a person could see on a 0-100 scale separates the ranks.
    /// </summary>
    public const double TieTolerance = 1e-9;

    /// <summary>(n·mean + m·prior)/(n + m); null when n = 0, so that the prior alone never stands in for a score.</summary>
    public static double? BayesianScore(int count, double mean, double prior, double priorWeight = DefaultPriorWeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Check.Finite(mean);
        Check.Finite(prior);
        Check.Finite(priorWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(priorWeight);
        if (count == 0)
        {
            return null;
        }

        var score = ((count * mean) + (priorWeight * prior)) / (count + priorWeight);

        // The formula lies between mean and prior; rounding could step a last digit outside.
        return Math.Clamp(score, Math.Min(mean, prior), Math.Max(mean, prior));
    }

    /// <inheritdoc cref="BayesianScore(int, double, double, double)"/>
    public static double? BayesianScore(Aggregate aggregate, double prior, double priorWeight = DefaultPriorWeight) =>
        aggregate.Mean is { } mean ? BayesianScore(aggregate.Count, mean, prior, priorWeight) : null;

    /// <summary>
    /// The items in rank order with their competition ranks: the highest score ranks 1, tied scores (within
    /// <see cref="TieTolerance"/>) share a rank, and the rank after a tie skips the tied places (1, 2, 2, 4). Items
    /// without a score come last, unranked. Exactly equal scores keep their input order.
    /// </summary>
    public static IReadOnlyList<Ranked<T>> Rank<T>(IEnumerable<T> items, Func<T, double?> score)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(score);
        var scored = new List<(T Item, double Score)>();
        var unscored = new List<Ranked<T>>();
        foreach (var item in items)
        {
            if (score(item) is not { } value)
            {
                unscored.Add(new Ranked<T>(item, null));
                continue;
            }

            if (!double.IsFinite(value))
            {
                throw new ArgumentException("A score must be a finite number, or null for an item without one.", nameof(score));
            }

            scored.Add((item, value));
        }

        var ranked = new List<Ranked<T>>(scored.Count + unscored.Count);
        var rank = 0;
        var leader = double.NaN;

        // Comparing each score with the first of its tie group, not with its neighbour, keeps a slow slide of tiny
        // steps from chaining far-apart scores into one tie.
        foreach (var (item, value) in scored.OrderByDescending(s => s.Score))
        {
            if (ranked.Count == 0 || leader - value > TieTolerance)
            {
                rank = ranked.Count + 1;
                leader = value;
            }

            ranked.Add(new Ranked<T>(item, rank));
        }

        ranked.AddRange(unscored);
        return ranked;
    }
}

/// <summary>An item and its competition rank (from 1), or no rank when it has no score.</summary>
public readonly record struct Ranked<T>(T Item, int? Rank);
