using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Scorecards;

/// <summary>
/// How scorecards and rankings weigh and judge, one set per installation. The overall score is the weighted mean of
/// the respondent groups' mean scores and the objective metrics' mean score over the parts that have a score; a weight
/// of 0 shows a part without ranking on it. <see cref="PriorWeight"/> is m of the Bayesian ranking score.
/// </summary>
/// <param name="MetricsWeight">
/// The weight of the objective metrics' mean score. 0 by default, and for settings stored before metrics existed (they
/// load with 0): importing metrics then shows them on the scorecards without moving a ranking that people already act
/// on, until someone chooses a weight.
/// </param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.ScorecardSettings")]
public sealed record ScorecardSettings(
    [property: Id(0)] double InternalEvaluationWeight,
    [property: Id(1)] double SelfAssessmentWeight,
    [property: Id(2)] double PriorWeight,
    [property: Id(3)] int MinimumResponses,
    [property: Id(4)] double Strategic,
    [property: Id(5)] double Preferred,
    [property: Id(6)] double Approved,
    [property: Id(7)] double Conditional,
    [property: Id(8)] double MetricsWeight = 0)
{
    /// <summary>Internal evaluation ranks; the suppliers' self-assessment is shown beside it, not ranked.</summary>
    public static ScorecardSettings Default { get; } = new(100, 0, Ranking.DefaultPriorWeight, LowResponse.DefaultMinimumResponses, 85, 70, 55, 40);

    // Derived, so not stored: the JSON grain storage would write it with its type, and refuse that type on reading.
    [Newtonsoft.Json.JsonIgnore]
    public StandingThresholds Thresholds => new(Strategic, Preferred, Approved, Conditional);

    public double WeightOf(Invitations.RecipientKind group) => group switch
    {
        Invitations.RecipientKind.Evaluator => InternalEvaluationWeight,
        _ => SelfAssessmentWeight,
    };

    /// <summary>Field errors (camelCase keys); empty when the settings can be used.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = Thresholds.Validate();
        Check(errors, nameof(InternalEvaluationWeight), InternalEvaluationWeight is >= 0 and <= 1000, "A weight is a number from 0 to 1000.");
        Check(errors, nameof(SelfAssessmentWeight), SelfAssessmentWeight is >= 0 and <= 1000, "A weight is a number from 0 to 1000.");
        Check(errors, nameof(MetricsWeight), MetricsWeight is >= 0 and <= 1000, "A weight is a number from 0 to 1000.");
        if (InternalEvaluationWeight + SelfAssessmentWeight <= 0)
        {
            // Metrics alone never give a score (RankingCalculator.RawScore), so they cannot stand in for the groups.
            errors.TryAdd("internalEvaluationWeight", ["At least one respondent group needs a weight above 0, or nothing can be ranked."]);
        }

        Check(errors, nameof(PriorWeight), PriorWeight is >= 0 and <= 100, "m is a number of responses from 0 to 100.");
        Check(errors, nameof(MinimumResponses), MinimumResponses is >= 1 and <= 1000, "The minimum is a whole number of responses from 1 to 1000.");
        return errors;
    }

    private static void Check(Dictionary<string, string[]> errors, string field, bool ok, string message)
    {
        if (!ok)
        {
            errors[char.ToLowerInvariant(field[0]) + field[1..]] = [message];
        }
    }
}

/// <summary>A stored version of the settings: who made it and when.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.ScorecardSettingsVersion")]
public sealed record ScorecardSettingsVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] ScorecardSettings Settings,
    [property: Id(2)] string ChangedBy,
    [property: Id(3)] DateTimeOffset ChangedAt);

/// <summary>The outcome of a change: the new version, or field errors and nothing written.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.ScorecardSettingsResult")]
public sealed record ScorecardSettingsResult(
    [property: Id(0)] ScorecardSettingsVersion? Saved,
    [property: Id(1)] IReadOnlyDictionary<string, string[]> Errors);
