using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Scorecards;

/// <summary>
/// A ranking from scorecard lines, by DESIGN.md "Scoring": per supplier, its groups' sums over the period's campaigns
/// and its objective metrics of the period's quarters; raw score = the settings' weighted mean of the group means and
/// the metrics' mean score; ranking score = (n·raw + m·prior)/(n + m) with n the ranked groups' responses and prior
/// the mean raw score of the scope; competition ranks; standings by threshold; movement by Welch's test against the
/// previous period (on the responses: metrics are measurements, not a sample). Pure: the ranking grain feeds it what
/// it holds in memory.
/// </summary>
internal static class RankingCalculator
{
    /// <summary>The name under which the metrics' mean score is one part of <see cref="OverallScore.Blend"/>.</summary>
    private const string MetricsPart = "Objective metrics";

    public sealed record SupplierLines(RankedSupplier Supplier, IReadOnlyList<CampaignScores> Lines, IReadOnlyList<MetricValue> Metrics);

    /// <summary>What a period covers: its campaigns, and the quarters whose metrics blend into it.</summary>
    public sealed record PeriodParts(ISet<Guid> Campaigns, ISet<MetricQuarter> Quarters)
    {
        public static PeriodParts None { get; } = new(new HashSet<Guid>(), new HashSet<MetricQuarter>());
    }

    /// <summary>Every supplier of the scope that the period's campaigns reached, in rank order (unscored last).</summary>
    public static IReadOnlyList<RankingRow> Rank(
        IEnumerable<SupplierLines> suppliers,
        PeriodParts period,
        PeriodParts previous,
        string? category,
        ScorecardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(suppliers);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(settings);

        // Metrics alone never put a supplier in a period's ranking: the period's campaigns decide who is in it.
        var lines = suppliers
            .Where(s => category is null || string.Equals(s.Supplier.Category, category, StringComparison.OrdinalIgnoreCase))
            .Select(s => (s.Supplier, Groups: Merge(s.Lines, period.Campaigns), Previous: Merge(s.Lines, previous.Campaigns), s.Metrics))
            .Where(s => s.Groups.Count > 0)
            .Select(s => (s.Supplier, s.Groups, s.Previous, Metrics: Metrics(s.Metrics, period.Quarters), PreviousMetrics: Metrics(s.Metrics, previous.Quarters)))
            .Select(s => (s.Supplier, s.Groups, s.Previous, s.Metrics, s.PreviousMetrics, Raw: RawScore(s.Groups, MeanScore(s.Metrics), settings)))
            .ToList();

        var scored = lines.Where(l => l.Raw is not null).Select(l => l.Raw!.Value).ToList();
        double? prior = scored.Count == 0 ? null : scored.Average();
        var rows = lines.Select(l =>
        {
            var ranked = Ranked(l.Groups, settings);
            var previous = Ranked(l.Previous, settings);
            var score = l.Raw is { } raw && prior is { } p ? Ranking.BayesianScore(ranked.Count, raw, p, settings.PriorWeight) : null;
            var interval = ranked.ConfidenceInterval95;
            var movement = Movement.Between(previous, ranked);
            return new RankingRow(
                null, l.Supplier.Id, l.Supplier.Name, l.Supplier.Category, score, l.Raw,
                interval?.Lower, interval?.Upper,
                ranked.Count,
                l.Groups.Values.Where(g => settings.WeightOf(g.Group) > 0).Sum(g => g.Invited),
                Standings.Of(score, settings.Thresholds),
                ranked.Count < settings.MinimumResponses,
                movement.Direction,
                movement.PValue,
                l.Previous.Count > 0 ? RawScore(l.Previous, MeanScore(l.PreviousMetrics), settings) : null,
                [.. l.Groups.Values.OrderByDescending(g => g.Group).Select(Result)],
                Dimensions(l.Groups.Values.Where(g => settings.WeightOf(g.Group) > 0)),
                MeanScore(l.Metrics),
                l.Metrics);
        });

        return [.. Ranking.Rank(rows, r => r.RankingScore).Select(r => r.Item with { Rank = r.Rank })];
    }

    /// <summary>The groups' sums over the given campaigns; a group nobody was asked in is absent.</summary>
    public static Dictionary<RecipientKind, GroupScores> Merge(IEnumerable<CampaignScores> lines, ISet<Guid> campaigns)
    {
        var groups = new Dictionary<RecipientKind, GroupScores>();
        foreach (var group in lines.Where(l => campaigns.Contains(l.CampaignId)).SelectMany(l => l.Groups))
        {
            groups[group.Group] = groups.TryGetValue(group.Group, out var sum) ? sum.Plus(group) : group;
        }

        return groups;
    }

    /// <summary>
    /// The settings' weighted mean of the groups' means and the metrics' mean score. Null without a ranked response:
    /// metrics alone give no score, since with n = 0 the ranking score would be the prior alone, which DESIGN.md
    /// forbids showing as a score.
    /// </summary>
    public static double? RawScore(IReadOnlyDictionary<RecipientKind, GroupScores> groups, double? metricsScore, ScorecardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(settings);
        if (Ranked(groups, settings).Count == 0)
        {
            return null;
        }

        var weights = new BlendWeights
        {
            Groups = new Dictionary<RespondentGroup, double>
            {
                [RespondentGroup.InternalEvaluation] = settings.InternalEvaluationWeight,
                [RespondentGroup.SelfAssessment] = settings.SelfAssessmentWeight,
            },
            Metrics = new Dictionary<string, double>(StringComparer.Ordinal) { [MetricsPart] = settings.MetricsWeight },
        };
        var means = groups.Values.ToDictionary(g => GroupOf(g.Group), g => g.Overall.ToAggregate().Mean);
        return OverallScore.Blend(means, new Dictionary<string, double?>(StringComparer.Ordinal) { [MetricsPart] = metricsScore }, weights);
    }

    /// <summary>
    /// Each metric's score in the quarters, by name (<see cref="MetricInput.Key"/>): the mean of its quarters' scores,
    /// each against that quarter's own target. Named as in its latest quarter.
    /// </summary>
    public static IReadOnlyList<MetricResult> Metrics(IEnumerable<MetricValue> metrics, ISet<MetricQuarter> quarters)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(quarters);
        return
        [
            .. metrics
                .Where(m => quarters.Contains(m.Period) && m.Score() is not null)
                .GroupBy(m => MetricInput.Key(m.Name), StringComparer.Ordinal)
                .Select(g => g.OrderBy(m => m.Period.Ordinal).ToList())
                .Select(g => new MetricResult(g[^1].Name, g[^1].Direction, g.Average(m => m.Score()!.Value), g.Count))
                .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
        ];
    }

    /// <summary>
    /// The metrics' part of the overall score: the plain mean of their scores, so the settings' one metrics weight
    /// counts the same whether a supplier reports one metric or five. Null without any.
    /// </summary>
    public static double? MeanScore(IReadOnlyList<MetricResult> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.Count == 0 ? null : Math.Clamp(metrics.Average(m => m.Score), 0, 100);
    }

    public static GroupResult Result(GroupScores group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var aggregate = group.Overall.ToAggregate();
        var interval = aggregate.ConfidenceInterval95;
        return new GroupResult(
            group.Group, group.Invited, group.Responded, aggregate.Mean, aggregate.StandardDeviation,
            interval?.Lower, interval?.Upper, group.Nps.Value, group.Nps.Total,
            group.Nps.Promoters, group.Nps.Passives, group.Nps.Detractors);
    }

    public static IReadOnlyList<DimensionResult> Dimensions(IEnumerable<GroupScores> groups) =>
        [.. groups.SelectMany(g => g.Dimensions)
            .GroupBy(d => d.DimensionId, StringComparer.Ordinal)
            .Select(d => d.Select(x => x.Scores).Aggregate(ScoreSums.Empty, (a, b) => a.Plus(b)).ToAggregate() is { Mean: { } mean } sum
                ? new DimensionResult(d.Key, mean, sum.Count)
                : null)
            .OfType<DimensionResult>()];

    private static RespondentGroup GroupOf(RecipientKind kind) =>
        kind == RecipientKind.Evaluator ? RespondentGroup.InternalEvaluation : RespondentGroup.SelfAssessment;

    /// <summary>The responses of the groups that count for the rank, pooled: n, interval and Welch's test use them.</summary>
    private static Aggregate Ranked(IReadOnlyDictionary<RecipientKind, GroupScores> groups, ScorecardSettings settings) =>
        groups.Values.Where(g => settings.WeightOf(g.Group) > 0)
            .Aggregate(default(Aggregate), (sum, g) => sum.Combine(g.Overall.ToAggregate()));
}
