using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace SupplierQuality.Web.Pages;

/// <summary>One line of the error summary: the message and where to fix it (a <c>#field</c> on this page, another page, or null).</summary>
public sealed record PageError(string? Href, string Message);

/// <summary>
/// What the pages with forms share: the grain factory, the one-time message after a redirect, and an error summary
/// (<c>_PageErrorSummary</c>) in the order the errors were found, each linked to the field (or page) where it can be fixed.
/// </summary>
public abstract class FormPageModel(IGrainFactory grains) : PageModel
{
    private readonly List<PageError> _errors = [];
    private readonly HashSet<string> _fieldsWithErrors = new(StringComparer.Ordinal);

    protected IGrainFactory Grains { get; } = grains;

    [TempData]
    public string? Message { get; set; }

    /// <summary>Errors the binder found (a number that is not a number) first, then those added, in form order.</summary>
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

    /// <summary>Adds errors keyed by field (<c>Form.Name</c>) in the order given; the empty key's go in the summary only.</summary>
    protected void AddErrors(IEnumerable<KeyValuePair<string, string[]>> fieldErrors)
    {
        ArgumentNullException.ThrowIfNull(fieldErrors);
        foreach (var (field, messages) in fieldErrors)
        {
            foreach (var message in messages)
            {
                if (field.Length == 0)
                {
                    AddPageError(null, message);
                }
                else
                {
                    AddFieldError(field, message);
                }
            }
        }
    }

    /// <summary>The value of a field's <c>aria-invalid</c>: "true" when it has an error, else null, which leaves the attribute out.</summary>
    public string? AriaInvalid(string field) =>
        ModelState.GetFieldValidationState(field) == ModelValidationState.Invalid ? "true" : null;

    /// <summary>The id an input bound to <paramref name="field"/> gets, as the tag helpers make it.</summary>
    public static string FieldId(string field) => TagBuilder.CreateSanitizedId(field, "_");

    private static string Href(string field) => "#" + FieldId(field);
}
