namespace SupplierQuality.Grains.Questionnaires;

/// <summary>
/// Everything one version of a questionnaire says: what a draft edit replaces and what publishing freezes. The
/// title and description belong to the version, not the questionnaire, because suppliers read them on the form:
/// a campaign on version 1 keeps showing version 1's words after someone edits the draft of version 2.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.QuestionnaireContent")]
public sealed record QuestionnaireContent
{
    [Id(0)]
    public string Title { get; init; } = string.Empty;

    /// <summary>An introduction shown above the questions.</summary>
    [Id(1)]
    public string? Description { get; init; }

    [Id(2)]
    public IReadOnlyList<Dimension> Dimensions { get; init; } = [];

    [Id(3)]
    public IReadOnlyList<Question> Questions { get; init; } = [];

    public bool Equals(QuestionnaireContent? other) =>
        other is not null
        && Title == other.Title
        && Description == other.Description
        && Dimensions.SequenceEqual(other.Dimensions)
        && Questions.SequenceEqual(other.Questions);

    public override int GetHashCode() => HashCode.Combine(Title, Dimensions.Count, Questions.Count);
}
