using System.Globalization;
using SupplierQuality.Email.Languages;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using ResponseText = SupplierQuality.Web.Responses.ResponseText;

namespace SupplierQuality.Web.Pages.Questionnaires;

/// <summary>One fieldset of the form: questions next to each other in one dimension (or in none), with their numbers.</summary>
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

    /// <summary>The words around the questions ("Question 1 of 9", "Not applicable", "Yes"): the respondent's language; English in the preview.</summary>
    public RespondentTexts Texts { get; init; } = RespondentTexts.English;

    public static string FieldName(string questionId) => $"answers[{questionId}]";

    /// <summary>The id of the question's input, or of its first radio button or checkbox.</summary>
    public static string FieldId(string questionId) => $"answer-{questionId}";

    public static string ChoiceId(string questionId, int index) =>
        index == 0 ? FieldId(questionId) : string.Create(CultureInfo.InvariantCulture, $"{FieldId(questionId)}-{index + 1}");

    /// <summary>The number of questions, for "Question 4 of 10".</summary>
    public int Count => Version.Questions.Count;

    /// <summary>
    /// The questions in the questionnaire's order, numbered from 1 as the editor and the responses number them, in one
    /// group per run of questions of the same dimension (runs of questions in none are "Other questions", or
    /// "Questions" when that is all there is). The order is the author's: questions are never moved to their
    /// dimension's group, since a number that differs between the editor and the form confuses both sides.
    /// </summary>
    public IReadOnlyList<QuestionGroup> Groups()
    {
        var names = Version.Dimensions.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        string? NameOf(Question q) => q.DimensionId is { } id && names.TryGetValue(id, out var name) ? name : null;
        var runs = new List<(string? Dimension, List<NumberedQuestion> Questions)>();
        for (var i = 0; i < Version.Questions.Count; i++)
        {
            var question = Version.Questions[i];
            var dimension = NameOf(question);
            if (runs.Count == 0 || runs[^1].Dimension != dimension)
            {
                runs.Add((dimension, []));
            }

            runs[^1].Questions.Add(new NumberedQuestion(i + 1, question));
        }

        return [.. runs.Select(r => new QuestionGroup(r.Dimension ?? Texts[runs.Count == 1 ? "Questions" : "OtherQuestions"], r.Questions))];
    }

    public IReadOnlyList<string> ValuesOf(string questionId) =>
        Answers.TryGetValue(questionId, out var values) ? values : [];

    public string? ValueOf(string questionId) => ValuesOf(questionId) is [var first, ..] ? first : null;

    public bool IsChosen(string questionId, string value) => ValuesOf(questionId).Contains(value, StringComparer.Ordinal);

    public IReadOnlyList<string> ErrorsOf(string questionId) =>
        Errors.TryGetValue(questionId, out var messages) ? messages : [];

    /// <summary>The radio buttons or checkboxes of a choice-like question, in order; empty for number and free text.</summary>
    public static IReadOnlyList<Choice> Choices(Question question, RespondentTexts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var t = texts ?? RespondentTexts.English;
        return question.Kind switch
        {
            QuestionKind.Likert => Scale(1, question.Points ?? 0, question.LowLabel, question.HighLabel),
            QuestionKind.Rating => Scale(0, 10, question.LowLabel, question.HighLabel),
            QuestionKind.YesNo => [new("yes", t["Yes"]), new("no", t["No"])],
            QuestionKind.SingleChoice or QuestionKind.MultipleChoice => [.. question.Options.Select(o => new Choice(o.Id, o.Text))],
            _ => [],
        };
    }

    /// <summary>Whether the question's choices are the points of a scale (Likert, 0-10), shown in a row.</summary>
    public static bool IsScale(Question question) => question?.Kind is QuestionKind.Likert or QuestionKind.Rating;

    /// <summary>The extra choice of a question that allows "Not applicable".</summary>
    public static Choice NotApplicable { get; } = new(ResponseAnswers.NotApplicable, ResponseText.NotApplicable);

    /// <summary><see cref="NotApplicable"/> in the respondent's language.</summary>
    public Choice NotApplicableChoice => NotApplicable with { Label = Texts["NotApplicable"] };

    /// <summary><see cref="Choices(Question, RespondentTexts?)"/> in the respondent's language.</summary>
    public IReadOnlyList<Choice> ChoicesOf(Question question) => Choices(question, Texts);

    /// <summary>"Enter a number from 0 to 30." or null when the number has no limits.</summary>
    public static string? RangeHint(Question question, RespondentTexts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var t = texts ?? RespondentTexts.English;
        // Invariant, as the number input takes it.
        var (min, max) = (question.Min?.ToString(CultureInfo.InvariantCulture), question.Max?.ToString(CultureInfo.InvariantCulture));
        return (min, max) switch
        {
            (not null, not null) => t.Format("RangeBoth", min, max),
            (not null, null) => t.Format("RangeMin", min),
            (null, not null) => t.Format("RangeMax", max),
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
