using System.Globalization;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

/// <summary>What the questionnaire pages share besides <see cref="FormPageModel"/>: errors of the shared rules, linked to the editor.</summary>
public abstract class QuestionnairePageModel(IGrainFactory grains) : FormPageModel(grains)
{
    /// <summary>
    /// Adds the shared rules' errors: <paramref name="field"/> names this page's field for a key (null: not on this
    /// page), and the rest are linked to the editor where they can be fixed.
    /// </summary>
    protected void AddErrors(IReadOnlyDictionary<string, string[]> errors, Guid questionnaireId, QuestionnaireContent? content, Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(field);
        foreach (var (key, messages) in errors)
        {
            foreach (var message in messages)
            {
                if (field(key) is { } name)
                {
                    AddFieldError(name, message);
                }
                else
                {
                    AddPageError(QuestionnaireErrors.EditorLink(questionnaireId, key, content), QuestionnaireErrors.Describe(key, message));
                }
            }
        }
    }

}

/// <summary>Reads the shared rules' error keys (<c>questions[2].options[1].score</c>) for people.</summary>
public static class QuestionnaireErrors
{
    /// <summary>True for <c>{collection}[n]...</c>, with n and what follows the index (<c>options[1].score</c>, or empty).</summary>
    public static bool TryIndexed(string key, string collection, out int index, out string rest)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(collection);
        index = -1;
        rest = string.Empty;
        var open = collection.Length;
        if (!key.StartsWith(collection + "[", StringComparison.Ordinal)
            || key.IndexOf(']', open) is not (> 0 and var close)
            || !int.TryParse(key.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return false;
        }

        rest = key[(close + 1)..].TrimStart('.');
        return true;
    }

    /// <summary>The message with the question or dimension it is about: "Question 3: Enter the question."</summary>
    public static string Describe(string key, string message) =>
        TryIndexed(key, "questions", out var question, out _) ? $"Question {question + 1}: {message}"
        : TryIndexed(key, "dimensions", out var dimension, out _) ? $"Dimension {dimension + 1}: {message}"
        : message;

    /// <summary>Where in the draft editor the error of this key can be fixed.</summary>
    public static string EditorLink(Guid questionnaireId, string key, QuestionnaireContent? content)
    {
        var editor = $"/questionnaires/{questionnaireId}/draft";
        if (TryIndexed(key, "questions", out var index, out _))
        {
            return content is not null && index < content.Questions.Count && content.Questions[index].Id.Length > 0
                ? $"{editor}/questions/{content.Questions[index].Id}"
                : $"{editor}#questions";
        }

        return key switch
        {
            "questions" => $"{editor}#questions",
            "title" or "description" => $"{editor}#header",
            _ when key.StartsWith("dimensions", StringComparison.Ordinal) => $"{editor}#dimensions",
            _ => editor,
        };
    }
}
