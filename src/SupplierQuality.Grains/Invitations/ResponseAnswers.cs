using System.Globalization;
using SupplierQuality.Email.Languages;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Grains.Invitations;

/// <summary>
/// The rules answers meet, shared by the grain (which never trusts its caller) and the form. Errors are keyed by
/// question id. <see cref="Validate"/> with <c>complete: false</c> checks shape only (what a draft must meet);
/// with <c>complete: true</c> it also wants every required question answered.
/// </summary>
public static class ResponseAnswers
{
    /// <summary>The key of errors that belong to no question (an unknown question id).</summary>
    public const string FormKey = "";

    /// <summary>
    /// The answer "Not applicable", for a question that allows it (<see cref="Question.AllowNotApplicable"/>): kept
    /// like any answer, never scored. Not a slug and not a number, so no option id or typed number can mean it too.
    /// </summary>
    public const string NotApplicable = "n/a";

    /// <summary>
    /// Whether the values are the answer "Not applicable" to the question. Only where the question allows it: typed into
    /// a free-text box, "n/a" is just text.
    /// </summary>
    public static bool IsNotApplicable(Question question, IReadOnlyList<string>? values) =>
        question?.AllowNotApplicable == true && values is [NotApplicable];

    /// <summary>Trims values, drops blank ones and questions left without values, and repeats of a value.</summary>
    public static Dictionary<string, string[]> Normalize(IReadOnlyDictionary<string, string[]>? answers)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (id, values) in answers ?? new Dictionary<string, string[]>())
        {
            var kept = (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToArray();
            if (id is not null && kept.Length > 0)
            {
                result[id] = kept;
            }
        }

        return result;
    }

    /// <summary>Errors by question id; empty when the (normalized) answers are valid.</summary>
    /// <param name="texts">The language the messages are written in: the form shows them in its reader's; English for none (the API's).</param>
    public static Dictionary<string, string[]> Validate(
        QuestionnaireVersion version, IReadOnlyDictionary<string, string[]> answers, bool complete, RespondentTexts? texts = null)
    {
        var t = texts ?? RespondentTexts.English;
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var questions = version.Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        if (answers.Keys.Any(id => !questions.ContainsKey(id)))
        {
            errors[FormKey] = [t["VUnknownQuestion"]];
        }

        foreach (var question in version.Questions)
        {
            var message = answers.TryGetValue(question.Id, out var values) && values.Length > 0
                ? Check(question, values, t)
                : complete && question.Required ? MissingMessage(question, t) : null;
            if (message is not null)
            {
                errors[question.Id] = [message];
            }
        }

        return errors;
    }

    /// <summary>A number answer as a decimal (invariant culture, "." as the separator), or null.</summary>
    public static decimal? ParseNumber(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null.</summary>
    public static int? ParsePoint(string value, int min, int max) =>
        value.Length <= 2 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var point) && point >= min && point <= max
            ? point
            : null;

    private static string MissingMessage(Question question, RespondentTexts t) => question.Kind switch
    {
        QuestionKind.Number => t["VEnterNumber"],
        QuestionKind.FreeText => t["VEnterAnswer"],
        _ => t["VChooseAnswer"],
    };

    private static string? Check(Question question, string[] values, RespondentTexts t)
    {
        if (question.Kind != QuestionKind.FreeText && values.Contains(NotApplicable, StringComparer.Ordinal))
        {
            return !question.AllowNotApplicable ? t["VNotApplicableNotAllowed"]
                : values.Length > 1 ? t["VNotApplicableAndAnswer"]
                : null;
        }

        if (question.Kind != QuestionKind.MultipleChoice && values.Length > 1)
        {
            return t["VOneAnswer"];
        }

        var value = values[0];
        switch (question.Kind)
        {
            case QuestionKind.Likert:
                return ParsePoint(value, 1, question.Points ?? 0) is null ? t.Format("VPoint", question.Points) : null;
            case QuestionKind.Rating:
                return ParsePoint(value, 0, 10) is null ? t["VRating"] : null;
            case QuestionKind.YesNo:
                return value is "yes" or "no" ? null : t["VYesNo"];
            case QuestionKind.SingleChoice:
            case QuestionKind.MultipleChoice:
                return values.All(v => question.Options.Any(o => o.Id == v)) ? null : t["VOptions"];
            case QuestionKind.Number:
                var number = value.Length <= 40 ? ParseNumber(value) : null;
                if (number is null)
                {
                    return t["VNumberShape"];
                }

                return number < question.Min || number > question.Max
                    ? t.Format("VNumberRange", Format(question.Min, t), Format(question.Max, t))
                    : null;
            case QuestionKind.FreeText:
                var limit = question.MaxLength ?? QuestionnaireInput.MaxFreeTextLength;
                if (value.Length > limit)
                {
                    return t.Format("VTooLong", limit, value.Length);
                }

                // The same rule for every way in (the form reads past them, the API would not): a NUL or another
                // control character is never what someone typed, and breaks exports; line breaks and tabs are.
                return value.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
                    ? t["VControl"]
                    : null;
            default:
                return t["VCannot"];
        }
    }

    // Invariant, as the number input takes it.
    private static string Format(decimal? value, RespondentTexts t) =>
        value?.ToString(CultureInfo.InvariantCulture) ?? t["VAny"];
}
