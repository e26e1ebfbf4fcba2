using System.Text.Json.Serialization;

namespace SupplierQuality.Grains.Questionnaires;

/// <summary>
/// One question. The settings a kind does not use are empty (<see cref="QuestionnaireInput.Normalize"/> clears
/// them), so one flat shape serves every kind, the API and the forms alike.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.Question")]
public sealed record Question
{
    /// <summary>A slug that stays the same across versions. Empty in input: the questionnaire assigns one.</summary>
    [Id(0)]
    public string Id { get; init; } = string.Empty;

    [Id(1)]
    public QuestionKind Kind { get; init; }

    [Id(2)]
    public string Text { get; init; } = string.Empty;

    [Id(3)]
    public string? HelpText { get; init; }

    [Id(4)]
    public bool Required { get; init; }

    /// <summary>The dimension the answer's score counts towards; every scored question needs one to be published.</summary>
    [Id(5)]
    public string? DimensionId { get; init; }

    /// <summary>Likert: the number of points, 3 to 10.</summary>
    [Id(6)]
    public int? Points { get; init; }

    /// <summary>Likert (required) and rating (optional): the words at the low end of the scale.</summary>
    [Id(7)]
    public string? LowLabel { get; init; }

    /// <summary>Likert (required) and rating (optional): the words at the high end of the scale.</summary>
    [Id(8)]
    public string? HighLabel { get; init; }

    /// <summary>Rating: also counts towards a Net Promoter Score (promoters 9-10 minus detractors 0-6).</summary>
    [Id(9)]
    public bool Nps { get; init; }

    /// <summary>Single and multiple choice: the options in the order shown.</summary>
    [Id(10)]
    public IReadOnlyList<ChoiceOption> Options { get; init; } = [];

    /// <summary>Number: the lowest answer accepted.</summary>
    [Id(11)]
    public decimal? Min { get; init; }

    /// <summary>Number: the highest answer accepted.</summary>
    [Id(12)]
    public decimal? Max { get; init; }

    /// <summary>
    /// Number: with <see cref="TargetMax"/>, the range that scores 100. Below it the score falls linearly to 0 at
    /// <see cref="Min"/>, above it to 0 at <see cref="Max"/>.
    /// </summary>
    [Id(13)]
    public decimal? TargetMin { get; init; }

    [Id(14)]
    public decimal? TargetMax { get; init; }

    /// <summary>Free text: the most characters an answer may have, at most <see cref="QuestionnaireInput.MaxFreeTextLength"/>.</summary>
    [Id(15)]
    public int? MaxLength { get; init; }

    /// <summary>
    /// Scored questions only: respondents may answer "Not applicable" (<see cref="Invitations.ResponseAnswers.NotApplicable"/>).
    /// Such an answer is kept but not scored: it counts like an optional question left unanswered.
    /// </summary>
    [Id(16)]
    public bool AllowNotApplicable { get; init; }

    /// <summary>Whether an answer gives a 0-100 score (and so whether the question needs a dimension).</summary>
    [JsonPropertyName("scored")]
    public bool IsScored => Kind switch
    {
        QuestionKind.Likert or QuestionKind.Rating or QuestionKind.YesNo or QuestionKind.SingleChoice => true,
        QuestionKind.Number => TargetMin is not null || TargetMax is not null,
        _ => false,
    };

    // Value equality over the options too, so a retried command is recognised as the same command.
    public bool Equals(Question? other) =>
        other is not null
        && Id == other.Id
        && Kind == other.Kind
        && Text == other.Text
        && HelpText == other.HelpText
        && Required == other.Required
        && DimensionId == other.DimensionId
        && Points == other.Points
        && LowLabel == other.LowLabel
        && HighLabel == other.HighLabel
        && Nps == other.Nps
        && Options.SequenceEqual(other.Options)
        && Min == other.Min
        && Max == other.Max
        && TargetMin == other.TargetMin
        && TargetMax == other.TargetMax
        && MaxLength == other.MaxLength
        && AllowNotApplicable == other.AllowNotApplicable;

    public override int GetHashCode() => HashCode.Combine(Id, Kind, Text, Options.Count);
}

/// <summary>
/// An option of a choice question. <see cref="Id"/> is what an answer records, so reordering or rewording options
/// does not change the meaning of answers already given; empty in input, the questionnaire assigns one.
/// <see cref="Score"/> (0-100) only for single choice.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.ChoiceOption")]
public sealed record ChoiceOption(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] decimal? Score);
