using System.Globalization;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Scoring;

namespace SupplierQuality.Web.Scorecards;

/// <summary>Words and numbers for scores as people read them: groups named, scores with their scale.</summary>
internal static class ScoreText
{
    /// <summary>The respondent groups in the order pages show them: the ranked group first.</summary>
    public static IReadOnlyList<RecipientKind> Groups { get; } = [RecipientKind.Evaluator, RecipientKind.Contact];

    public static string GroupName(RecipientKind group) => group switch
    {
        RecipientKind.Evaluator => "Internal evaluation",
        _ => "Self-assessment",
    };

    public static string Score(double? score) =>
        score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    public static string OfHundred(double? score) => score is null ? "no score" : $"{Score(score)} of 100";

    public static string Interval(double? lower, double? upper) =>
        lower is { } l && upper is { } u
            ? $"{Math.Max(0, l).ToString("0.0", CultureInfo.InvariantCulture)}–{Math.Min(100, u).ToString("0.0", CultureInfo.InvariantCulture)}"
            : "—";

    /// <summary>"+20 of -100 to 100 (5 ratings: 2 promoters, 2 passives, 1 detractor)".</summary>
    public static string Nps(GroupResult group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Nps is { } v
            ? $"{v.ToString("+0;-0;0", CultureInfo.InvariantCulture)} of -100 to 100 ({Count(group.NpsAnswers, "rating", "ratings")}: "
                + $"{Count(group.Promoters, "promoter", "promoters")}, {Count(group.Passives, "passive", "passives")}, {Count(group.Detractors, "detractor", "detractors")})"
            : "—";
    }

    private static string Count(int count, string one, string many) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";

    public static string StandingName(Standing? standing) => standing switch
    {
        Standing.Strategic => "Strategic",
        Standing.Preferred => "Preferred",
        Standing.Approved => "Approved",
        Standing.Conditional => "Conditional",
        Standing.AtRisk => "At risk",
        _ => "No score",
    };

    public static string Percent(double? rate) =>
        rate is { } r ? r.ToString("0%", CultureInfo.InvariantCulture) : "—";

    /// <summary>Every standing, best first, for filters and legends.</summary>
    public static IReadOnlyList<Standing> Standings { get; } = Enum.GetValues<Standing>();

    /// <summary>The standing's query-string value: "strategic", "at-risk".</summary>
    public static string StandingValue(Standing standing) =>
        standing == Standing.AtRisk ? "at-risk" : standing.ToString().ToLowerInvariant();

    /// <summary>A standing from its query-string value, its name or its words, any case; null when it names none.</summary>
    public static Standing? ParseStanding(string? value)
    {
        var key = (value ?? string.Empty).Trim().Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (var standing in Standings)
        {
            if (string.Equals(standing.ToString(), key, StringComparison.OrdinalIgnoreCase))
            {
                return standing;
            }
        }

        return null;
    }

    /// <summary>"2.5" or "100": weights and m as the settings hold them, without trailing zeros.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"p = 0.012"; very small values as "p &lt; 0.001" rather than a string of zeros.</summary>
    public static string PValue(double p) =>
        p < 0.001 ? "p < 0.001" : "p = " + p.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>
    /// "significantly up since Spring survey 2026, p = 0.012"; null when the move is not significant, so no arrow is
    /// drawn for noise.
    /// </summary>
    public static string? Movement(MovementDirection direction, double? p, string? since)
    {
        if (direction == MovementDirection.None)
        {
            return null;
        }

        var way = direction == MovementDirection.Up ? "up" : "down";
        var text = since is null ? $"significantly {way} since the previous period" : $"significantly {way} since {since}";
        return p is { } value ? $"{text}, {PValue(value)}" : text;
    }

    public static string Arrow(MovementDirection direction) => direction == MovementDirection.Up ? "↑" : "↓";

    /// <summary>"fewer than 3 responses": the low-response flag.</summary>
    public static string LowResponse(int minimum) => $"fewer than {minimum} {(minimum == 1 ? "response" : "responses")}";

    /// <summary>
    /// The rule the ranking follows, in sentences from the settings: which groups rank with which weight, whether and
    /// how objective metrics blend in, and the Bayesian average's m.
    /// </summary>
    public static string RankingRule(ScorecardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (evaluation, self) = (settings.InternalEvaluationWeight, settings.SelfAssessmentWeight);
        var groups = (evaluation > 0, self > 0) switch
        {
            (true, false) => $"Ranked on internal evaluation (weight {Number(evaluation)}); self-assessment is shown, not ranked (weight 0).",
            (false, true) => $"Ranked on self-assessment (weight {Number(self)}); internal evaluation is shown, not ranked (weight 0).",
            _ => $"Ranked on the weighted mean of the two groups' own means: internal evaluation (weight {Number(evaluation)}) and self-assessment (weight {Number(self)}).",
        };
        return $"{groups} {MetricsRule(settings)} Ranking score: Bayesian average towards the mean of the scope (m = {Number(settings.PriorWeight)}).";
    }

    /// <summary>How objective metrics count, in a sentence: shown only at weight 0, else blended with their weight.</summary>
    public static string MetricsRule(ScorecardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.MetricsWeight > 0
            ? $"Objective metrics blend in with weight {Number(settings.MetricsWeight)}: the mean of a supplier's metric scores in the period, each 0 to 100 against its target; metrics alone give no score."
            : "Objective metrics are shown, not ranked (weight 0).";
    }

    /// <summary>"Strategic from 85, Preferred from 70, Approved from 55, Conditional from 40, At risk below."</summary>
    public static string StandingRule(ScorecardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"Standings by ranking score: Strategic from {Number(settings.Strategic)}, Preferred from {Number(settings.Preferred)}, "
            + $"Approved from {Number(settings.Approved)}, Conditional from {Number(settings.Conditional)}, At risk below. "
            + $"A score from {LowResponse(settings.MinimumResponses)} is flagged.";
    }
}
