namespace SupplierQuality.Scoring;

/// <summary>
/// Who answered: the supplier about itself, or the buying company's people about the supplier. Their scores are
/// kept apart and only blended by configured weights (<see cref="OverallScore"/>).
/// </summary>
public enum RespondentGroup
{
    SelfAssessment,
    InternalEvaluation,
}

/// <summary>
/// The weight of each respondent group's score and of each objective metric's score (by metric name) in a supplier's
/// overall score. A part without a weight, or with weight 0, does not count.
/// </summary>
public sealed record BlendWeights
{
    public IReadOnlyDictionary<RespondentGroup, double> Groups { get; init; } = new Dictionary<RespondentGroup, double>();

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);
}

/// <summary>
/// A supplier's overall score: the weighted mean of its respondent groups' scores and its objective metrics' scores,
/// over the weighted parts that have a score. A missing part's weight is dropped rather than counted as 0, so a period
/// without, say, internal evaluations does not pull the score down; with no weighted part scored there is no score.
/// </summary>
public static class OverallScore
{
    /// <param name="groups">Each group's 0-100 score; a group that is absent or null has none.</param>
    /// <param name="metrics">Each metric's 0-100 score (<see cref="MetricScore.Of"/>); absent or null has none.</param>
    public static double? Blend(
        IReadOnlyDictionary<RespondentGroup, double?> groups,
        IReadOnlyDictionary<string, double?> metrics,
        BlendWeights weights)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(weights);
        var parts = new List<(double Score, double Weight)>();
        foreach (var (group, weight) in weights.Groups)
        {
            Include(group.ToString(), weight, groups.GetValueOrDefault(group));
        }

        foreach (var (metric, weight) in weights.Metrics)
        {
            Include(metric, weight, metrics.GetValueOrDefault(metric));
        }

        return WeightedMean.Of(parts);

        void Include(string name, double weight, double? score)
        {
            // Checked whether or not the part has a score, so a bad setting fails at once, not in the first period
            // that has data for it.
            if (weight is not (>= 0 and < double.PositiveInfinity))
            {
                throw new ArgumentException($"The weight of {name} must be a finite number, 0 or more.", nameof(weights));
            }

            if (score is { } s)
            {
                parts.Add((s, weight));
            }
        }
    }
}
