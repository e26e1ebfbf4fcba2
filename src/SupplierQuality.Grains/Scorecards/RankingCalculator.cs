using SupplierQuality.Grains.Invitations;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Scorecards;

/// <summary>
/// A ranking from scorecard lines, by DESIGN.md "Scoring": per supplier, its groups' sums over the period's campaigns;
/// raw score = the settings' weighted mean of the group means; ranking score = (n·raw + m·prior)/(n + m) with n the
/// ranked groups' responses and prior the mean raw score of the scope; competition ranks; standings by threshold;
/// movement by Welch's test against the previous period. Pure: the ranking grain feeds it what it holds in memory.
/// </summary>
internal static class RankingCalculator
{
    public sealed record SupplierLines(RankedSupplier Supplier, IReadOnlyList<CampaignScores> Lines);

    /// <summary>Every supplier of the scope that the period's campaigns reached, in rank order (unscored last).</summary>
    public static IReadOnlyList<RankingRow> Rank(
        IEnumerable<SupplierLines> suppliers,
        ISet<Guid> periodCampaigns,
        ISet<Guid> previousCampaigns,
        string? category,
        ScorecardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(suppliers);
        ArgumentNullException.ThrowIfNull(settings);
        var lines = suppliers
            .Where(s => category is null || string.Equals(s.Supplier.Category, category, StringComparison.OrdinalIgnoreCase))
            .Select(s => (s.Supplier, Groups: Merge(s.Lines, periodCampaigns), Previous: Merge(s.Lines, previousCampaigns)))
            .Where(s => s.Groups.Count > 0)
            .Select(s => (s.Supplier, s.Groups, s.Previous, Raw: RawScore(s.Groups, settings)))
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
                l.Previous.Count > 0 ? RawScore(l.Previous, settings) : null,
                [.. l.Groups.Values.OrderByDescending(g => g.Group).Select(Result)],
                Dimensions(l.Groups.Values.Where(g => settings.WeightOf(g.Group) > 0)));
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

    public static double? RawScore(IReadOnlyDictionary<RecipientKind, GroupScores> groups, ScorecardSettings settings)
    {
        var weights = new BlendWeights
        {
            Groups = new Dictionary<RespondentGroup, double>
            {
                [RespondentGroup.InternalEvaluation] = settings.InternalEvaluationWeight,
                [RespondentGroup.SelfAssessment] = settings.SelfAssessmentWeight,
            },
        };
        var means = groups.Values.ToDictionary(g => GroupOf(g.Group), g => g.Overall.ToAggregate().Mean);
        return OverallScore.Blend(means, new Dictionary<string, double?>(), weights);
    }

    public static GroupResult Result(GroupScores group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var aggregate = group.Overall.ToAggregate();
        var interval = aggregate.ConfidenceInterval95;
        return new GroupResult(
            group.Group, group.Invited, group.Responded, aggregate.Mean, aggregate.StandardDeviation,
            interval?.Lower, interval?.Upper, group.Nps.Value, group.Nps.Total);
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
