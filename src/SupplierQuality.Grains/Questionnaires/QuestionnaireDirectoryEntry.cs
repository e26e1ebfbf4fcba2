namespace SupplierQuality.Grains.Questionnaires;

/// <summary>What the questionnaire list shows of one questionnaire, at the questionnaire's <see cref="Revision"/>.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.QuestionnaireDirectoryEntry")]
public sealed record QuestionnaireDirectoryEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int LatestVersion,
    [property: Id(3)] VersionStatus LatestStatus,
    [property: Id(4)] int? PublishedVersion,
    [property: Id(5)] int Revision,
    [property: Id(6)] DateTimeOffset UpdatedAt)
{
    /// <summary>List order: title ignoring case, then exact title, then id.</summary>
    public static IComparer<QuestionnaireDirectoryEntry> ByTitle { get; } = Comparer<QuestionnaireDirectoryEntry>.Create((a, b) =>
    {
        var order = string.Compare(a.Title, b.Title, StringComparison.OrdinalIgnoreCase);
        if (order == 0)
        {
            order = string.CompareOrdinal(a.Title, b.Title);
        }

        return order != 0 ? order : a.Id.CompareTo(b.Id);
    });
}
