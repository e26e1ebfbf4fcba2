using System.Globalization;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Responses;

/// <summary>Responses in the words readers see on the pages and in the export.</summary>
internal static class ResponseText
{
    /// <summary>The group's query-string value.</summary>
    public static string Slug(RecipientKind group) => group == RecipientKind.Evaluator ? "internal-evaluation" : "self-assessment";

    /// <summary>A group from its query-string value (or its name, any case); null when the value names no group.</summary>
    public static RecipientKind? ParseGroup(string value) => value.Trim().ToUpperInvariant() switch
    {
        "SELF-ASSESSMENT" or "SELF ASSESSMENT" or "CONTACT" => RecipientKind.Contact,
        "INTERNAL-EVALUATION" or "INTERNAL EVALUATION" or "EVALUATOR" => RecipientKind.Evaluator,
        _ => null,
    };

    /// <summary>
    /// An answer as the respondent chose it: "4 of 5" on a Likert scale, "9 of 10" on a rating, "Yes" or "No", the
    /// labels of the chosen options, the number or text given, "Not applicable". Empty when the question was not answered.
    /// </summary>
    public static string Answer(Question question, IReadOnlyDictionary<string, string[]> answers)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answers);
        if (!answers.TryGetValue(question.Id, out var values) || values.Length == 0)
        {
            return string.Empty;
        }

        if (ResponseAnswers.IsNotApplicable(question, values))
        {
            return NotApplicable;
        }

        return question.Kind switch
        {
            QuestionKind.Likert => $"{values[0]} of {question.Points?.ToString(CultureInfo.InvariantCulture)}",
            QuestionKind.Rating => $"{values[0]} of 10",
            QuestionKind.YesNo => values[0] switch { "yes" => "Yes", "no" => "No", var other => other },

            // Options are kept by id, so an answer reads with the option's words; an id the version lacks shows as it is.
            QuestionKind.SingleChoice or QuestionKind.MultipleChoice =>
                string.Join("; ", values.Select(v => question.Options.FirstOrDefault(o => o.Id == v)?.Text ?? v)),
            _ => values[0],
        };
    }

    /// <summary>How a "Not applicable" answer reads everywhere.</summary>
    public const string NotApplicable = "Not applicable";

    /// <summary>The label of the end of a Likert or 0-10 scale that <paramref name="point"/> is at, or null (a middle point, an unlabelled end).</summary>
    public static string? ScaleEnd(Question question, string point)
    {
        ArgumentNullException.ThrowIfNull(question);
        var (low, high) = question.Kind switch
        {
            QuestionKind.Likert => ("1", question.Points?.ToString(CultureInfo.InvariantCulture)),
            QuestionKind.Rating => ("0", "10"),
            _ => (null, null),
        };
        return point == low ? question.LowLabel : point == high ? question.HighLabel : null;
    }

    /// <summary>"72.5", or empty for a response that answered no scored question.</summary>
    public static string Score(decimal? score) => score?.ToString("0.0", CultureInfo.InvariantCulture) ?? string.Empty;
}
