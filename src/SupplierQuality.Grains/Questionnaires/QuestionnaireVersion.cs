using System.Text.Json.Serialization;

namespace SupplierQuality.Grains.Questionnaires;

/// <summary>
/// One version of a questionnaire. A published version never changes; the draft (at most one, always the last
/// version) does until it is published. Sent to API clients flat: the content's fields next to the number.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.QuestionnaireVersion")]
public sealed record QuestionnaireVersion(
    [property: Id(0)] int Number,
    [property: Id(1)] VersionStatus Status,
    [property: Id(2)] DateTimeOffset? PublishedAt,
    [property: Id(3), JsonIgnore] QuestionnaireContent Content)
{
    public string Title => Content.Title;

    public string? Description => Content.Description;

    public IReadOnlyList<Dimension> Dimensions => Content.Dimensions;

    public IReadOnlyList<Question> Questions => Content.Questions;
}

/// <summary>A line of a questionnaire's version list.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.QuestionnaireVersionSummary")]
public sealed record QuestionnaireVersionSummary(
    [property: Id(0)] int Number,
    [property: Id(1)] VersionStatus Status,
    [property: Id(2)] DateTimeOffset? PublishedAt,
    [property: Id(3)] string Title,
    [property: Id(4)] int QuestionCount);

/// <summary>Where a copied questionnaire came from.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.CopySource")]
public sealed record CopySource(
    [property: Id(0)] Guid QuestionnaireId,
    [property: Id(1)] int Version);
