using System.Globalization;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

/// <summary>One fieldset of the form: a dimension's questions (or those in none), numbered as shown.</summary>
public sealed record QuestionGroup(string Legend, IReadOnlyList<NumberedQuestion> Questions);

public sealed record NumberedQuestion(int Number, Question Question);

/// <summary>One radio button or checkbox of a question: the value posted and its label.</summary>
public sealed record Choice(string Value, string Label);

/// <summary>
/// The questions of one version as a supplier answers them, for <c>_QuestionnaireForm.cshtml</c>: grouped by
/// dimension, with what was typed and each question's errors. The preview shows it without answers; the supplier
/// form shows it with the posted answers, so nothing typed is lost when validation fails. Answers post as
/// <see cref="FieldName"/> (one value per choice ticked); error summaries link to <see cref="FieldId"/>.
/// </summary>
public sealed class QuestionnaireFormModel
{
    private static readonly Dictionary<string, IReadOnlyList<string>> None = [];

    public required QuestionnaireVersion Version { get; init; }

    /// <summary>Values as posted, by question id: one for most kinds, any number for multiple choice.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Answers { get; init; } = None;

    /// <summary>Messages by question id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; init; } = None;

    /// <summary>Shown but not editable, e.g. after the deadline.</summary>
    public bool Disabled { get; init; }

    public static string FieldName(string questionId) => $"answers[{questionId}]";

    /// <summary>The id of the question's input, or of its first radio button or checkbox.</summary>
    public static string FieldId(string questionId) => $"answer-{questionId}";

    public static string ChoiceId(string questionId, int index) =>
        index == 0 ? FieldId(questionId) : string.Create(CultureInfo.InvariantCulture, $"{FieldId(questionId)}-{index + 1}");

    /// <summary>
    /// The dimensions in the questionnaire's order, each with its questions in question order, then the questions
    /// in no dimension; numbered in the order shown.
    /// </summary>
    public IReadOnlyList<QuestionGroup> Groups()
    {
        var dimensions = Version.Dimensions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var ordered = Version.Dimensions
            .Select(d => (Legend: d.Name, Questions: Version.Questions.Where(q => q.DimensionId == d.Id).ToList()))
            .Append((Legend: string.Empty, Questions: Version.Questions.Where(q => q.DimensionId is null || !dimensions.Contains(q.DimensionId)).ToList()))
            .Where(g => g.Questions.Count > 0)
            .ToList();
        var number = 0;
        return
        [
            .. ordered.Select(g => new QuestionGroup(
                g.Legend.Length > 0 ? g.Legend : ordered.Count == 1 ? "Questions" : "Other questions",
                [.. g.Questions.Select(q => new NumberedQuestion(++number, q))])),
        ];
    }

    public IReadOnlyList<string> ValuesOf(string questionId) =>
        Answers.TryGetValue(questionId, out var values) ? values : [];

    public string? ValueOf(string questionId) => ValuesOf(questionId) is [var first, ..] ? first : null;

    public bool IsChosen(string questionId, string value) => ValuesOf(questionId).Contains(value, StringComparer.Ordinal);

    public IReadOnlyList<string> ErrorsOf(string questionId) =>
        Errors.TryGetValue(questionId, out var messages) ? messages : [];

    /// <summary>The radio buttons or checkboxes of a choice-like question, in order; empty for number and free text.</summary>
    public static IReadOnlyList<Choice> Choices(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Kind switch
        {
            QuestionKind.Likert => Scale(1, question.Points ?? 0, question.LowLabel, question.HighLabel),
            QuestionKind.Rating => Scale(0, 10, question.LowLabel, question.HighLabel),
            QuestionKind.YesNo => [new("yes", "Yes"), new("no", "No")],
            QuestionKind.SingleChoice or QuestionKind.MultipleChoice => [.. question.Options.Select(o => new Choice(o.Id, o.Text))],
            _ => [],
        };
    }

    /// <summary>"Enter a number from 0 to 30." or null when the number has no limits.</summary>
    public static string? RangeHint(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var (min, max) = (question.Min?.ToString(CultureInfo.InvariantCulture), question.Max?.ToString(CultureInfo.InvariantCulture));
        return (min, max) switch
        {
            (not null, not null) => $"Enter a number from {min} to {max}.",
            (not null, null) => $"Enter a number of {min} or more.",
            (null, not null) => $"Enter a number of {max} or less.",
            _ => null,
        };
    }

    private static Choice[] Scale(int from, int to, string? low, string? high) =>
    [
        .. Enumerable.Range(from, Math.Max(0, to - from + 1)).Select(point =>
        {
            var value = point.ToString(CultureInfo.InvariantCulture);
            var label = point == from ? low : point == to ? high : null;
            return new Choice(value, label is null ? value : $"{value} – {label}");
        }),
    ];
}
