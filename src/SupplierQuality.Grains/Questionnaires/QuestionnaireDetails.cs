namespace SupplierQuality.Grains.Questionnaires;

/// <summary>
/// A questionnaire as readers see it: its versions in order, with the title and description of the latest.
/// <see cref="Revision"/> goes up by one with every change (draft edit, new draft, publish) and is what an edit
/// must name to be applied (optimistic concurrency). Read a version's questions with
/// <see cref="IQuestionnaireGrain.GetVersionAsync"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.QuestionnaireDetails")]
public sealed record QuestionnaireDetails(
    [property: Id(0)] Guid Id,
    [property: Id(1)] int Revision,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Description,
    [property: Id(4)] IReadOnlyList<QuestionnaireVersionSummary> Versions,
    [property: Id(5)] int? DraftVersion,
    [property: Id(6)] int? PublishedVersion,
    [property: Id(7)] CopySource? CopiedFrom,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt)
{
    /// <summary>The number of the last version, draft or published.</summary>
    public int LatestVersion => Versions[^1].Number;

    public bool Equals(QuestionnaireDetails? other) =>
        other is not null
        && Id == other.Id
        && Revision == other.Revision
        && Title == other.Title
        && Description == other.Description
        && Versions.SequenceEqual(other.Versions)
        && DraftVersion == other.DraftVersion
        && PublishedVersion == other.PublishedVersion
        && CopiedFrom == other.CopiedFrom
        && CreatedAt == other.CreatedAt
        && UpdatedAt == other.UpdatedAt;

    public override int GetHashCode() => HashCode.Combine(Id, Revision);
}
