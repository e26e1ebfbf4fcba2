using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>One line of the error summary: the message and where to fix it (a <c>#field</c> on this page, another page, or null).</summary>
public sealed record ErrorLink(string? Href, string Message);

/// <summary>
/// What the campaign pages share: the grain factory, the one-time message after a redirect, and an error summary in
/// the order the errors were added, each linked to the field (or page) where it can be fixed.
/// </summary>
public abstract class CampaignPageModel(IGrainFactory grains) : PageModel
{
    private readonly List<ErrorLink> _errors = [];
    private readonly HashSet<string> _fieldsWithErrors = new(StringComparer.Ordinal);

    protected IGrainFactory Grains { get; } = grains;

    [TempData]
    public string? Message { get; set; }

    /// <summary>Errors the binder found (a value that is not a date) first, then those added, in form order.</summary>
    public IReadOnlyList<ErrorLink> Errors =>
    [
        .. ModelState
            .Where(e => e.Key.Length > 0 && e.Value is { ValidationState: ModelValidationState.Invalid } && !_fieldsWithErrors.Contains(e.Key))
            .SelectMany(e => e.Value!.Errors.Select(error => new ErrorLink(
                Href(e.Key),
                string.IsNullOrEmpty(error.ErrorMessage) ? "This value is not valid." : error.ErrorMessage))),
        .. _errors,
    ];

    /// <summary>An error next to a field of this page (<c>Form.Deadline</c>) and in the summary.</summary>
    protected void AddFieldError(string field, string message)
    {
        ModelState.AddModelError(field, message);
        _fieldsWithErrors.Add(field);
        _errors.Add(new ErrorLink(Href(field), message));
    }

    /// <summary>An error only in the summary, linked to where it can be fixed (null: nowhere).</summary>
    protected void AddPageError(string? href, string message)
    {
        // Invalid model state also tells the page it is showing errors ("Error:" in the title).
        ModelState.AddModelError(string.Empty, message);
        _errors.Add(new ErrorLink(href, message));
    }

    /// <summary>The id an input bound to <paramref name="field"/> gets, as the tag helpers make it.</summary>
    public static string FieldId(string field) => TagBuilder.CreateSanitizedId(field, "_");

    /// <summary>"2026-03-31 17:00 UTC": every time on these pages is UTC, and says so.</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A 0-1 rate as a percentage with at most one decimal: "66.7%".</summary>
    public static string Percent(decimal rate) =>
        Math.Round(rate * 100, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Href(string field) => "#" + FieldId(field);
}
