using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Questionnaires;

/// <summary>A dimension as API clients send it. Without an id it gets the slug of its name.</summary>
internal sealed record DimensionRequest(string? Id, string? Name, decimal? Weight);

/// <summary>An option of a choice question. Without an id the questionnaire assigns one.</summary>
internal sealed record OptionRequest(string? Id, string? Text, decimal? Score);

/// <summary>
/// A question as API clients send it: one shape for every kind; the settings a kind does not use are ignored.
/// Without an id the questionnaire assigns one; send the ids you read to keep them.
/// </summary>
internal sealed record QuestionRequest(
    string? Id,
    string? Kind,
    string? Text,
    string? HelpText,
    bool? Required,
    string? DimensionId,
    int? Points,
    string? LowLabel,
    string? HighLabel,
    bool? Nps,
    IReadOnlyList<OptionRequest?>? Options,
    decimal? Min,
    decimal? Max,
    decimal? TargetMin,
    decimal? TargetMax,
    int? MaxLength,
    bool? AllowNotApplicable = null);

/// <summary>
/// The body of <c>POST /api/questionnaires</c>: the content of the draft of version 1. With an <see cref="Id"/> the
/// call is safe to retry: the same body again answers 200 with the questionnaire it created.
/// </summary>
internal sealed record CreateQuestionnaireRequest(
    Guid? Id,
    string? Title,
    string? Description,
    IReadOnlyList<DimensionRequest?>? Dimensions,
    IReadOnlyList<QuestionRequest?>? Questions);

/// <summary>The body of <c>PUT /api/questionnaires/{id}/draft</c>: the whole draft plus the <see cref="Revision"/> it was based on.</summary>
internal sealed record UpdateDraftRequest(
    int? Revision,
    string? Title,
    string? Description,
    IReadOnlyList<DimensionRequest?>? Dimensions,
    IReadOnlyList<QuestionRequest?>? Questions);

/// <summary>The body of <c>POST /api/questionnaires/{id}/publish</c>: the revision whose draft is to be published.</summary>
internal sealed record PublishRequest(int? Revision);

/// <summary>The optional body of <c>POST /api/questionnaires/{id}/copy</c>: the copy's id, to make retries safe.</summary>
internal sealed record CopyRequest(Guid? Id);

/// <summary>The questionnaire list.</summary>
internal sealed record QuestionnaireList(IReadOnlyList<QuestionnaireDirectoryEntry> Items);

internal static class QuestionnaireRequestMapping
{
    /// <summary>The normalized content and every field error the request has (empty when it is valid as a draft).</summary>
    public static (QuestionnaireContent Content, Dictionary<string, string[]> Errors) ToContent(
        string? title, string? description, IReadOnlyList<DimensionRequest?>? dimensions, IReadOnlyList<QuestionRequest?>? questions)
    {
        var content = QuestionnaireInput.Normalize(new QuestionnaireContent
        {
            Title = title ?? string.Empty,
            Description = description,
            Dimensions = [.. (dimensions ?? []).Select(d => new Dimension(d?.Id ?? string.Empty, d?.Name ?? string.Empty, d?.Weight))],
            Questions = [.. (questions ?? []).Select(ToQuestion)],
        });
        return (content, QuestionnaireInput.ValidateDraft(content));
    }

    private static Question ToQuestion(QuestionRequest? q) => new()
    {
        Id = q?.Id ?? string.Empty,

        // An unknown or missing kind becomes an undefined value, so the shared rules report it with the others.
        Kind = QuestionnaireInput.TryParseKind(q?.Kind, out var kind) ? kind : (QuestionKind)(-1),
        Text = q?.Text ?? string.Empty,
        HelpText = q?.HelpText,
        Required = q?.Required ?? false,
        DimensionId = q?.DimensionId,
        Points = q?.Points,
        LowLabel = q?.LowLabel,
        HighLabel = q?.HighLabel,
        Nps = q?.Nps ?? false,
        Options = [.. (q?.Options ?? []).Select(o => new ChoiceOption(o?.Id ?? string.Empty, o?.Text ?? string.Empty, o?.Score))],
        Min = q?.Min,
        Max = q?.Max,
        TargetMin = q?.TargetMin,
        TargetMax = q?.TargetMax,
        MaxLength = q?.MaxLength,
        AllowNotApplicable = q?.AllowNotApplicable ?? false,
    };
}
