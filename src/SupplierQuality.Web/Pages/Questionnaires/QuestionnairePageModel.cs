using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

/// <summary>One line of the error summary: the message and where to fix it (a <c>#field</c> on this page, another page, or null).</summary>
public sealed record PageError(string? Href, string Message);

/// <summary>
/// What the questionnaire pages share: the grain factory, the one-time message after a redirect, and an error
/// summary in the order the errors were found, each linked to the field (or page) where it can be fixed.
/// </summary>
public abstract class QuestionnairePageModel(IGrainFactory grains) : PageModel
{
    private readonly List<PageError> _errors = [];
    private readonly HashSet<string> _fieldsWithErrors = new(StringComparer.Ordinal);

    protected IGrainFactory Grains { get; } = grains;

    [TempData]
    public string? Message { get; set; }

    /// <summary>Errors the binder found (a number that is not a number) first, then the rules' errors in form order.</summary>
    public IReadOnlyList<PageError> Errors =>
    [
        .. ModelState
            .Where(e => e.Key.Length > 0 && e.Value is { ValidationState: ModelValidationState.Invalid } && !_fieldsWithErrors.Contains(e.Key))
            .SelectMany(e => e.Value!.Errors.Select(error => new PageError(
                Href(e.Key),
                string.IsNullOrEmpty(error.ErrorMessage) ? "This value is not valid." : error.ErrorMessage))),
        .. _errors,
    ];

    /// <summary>An error next to a field of this page's form (<c>Form.Options[2].Score</c>) and in the summary.</summary>
    protected void AddFieldError(string field, string message)
    {
        ModelState.AddModelError(field, message);
        _fieldsWithErrors.Add(field);
        _errors.Add(new PageError(Href(field), message));
    }

    /// <summary>An error only in the summary, linked to where it can be fixed (null: nowhere).</summary>
    protected void AddPageError(string? href, string message)
    {
        // Invalid model state also tells the layout the page is showing errors ("Error:" in the title).
        ModelState.AddModelError(string.Empty, message);
        _errors.Add(new PageError(href, message));
    }

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

    private static string Href(string field) => "#" + TagBuilder.CreateSanitizedId(field, "_");
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
