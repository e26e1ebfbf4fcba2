using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Suppliers;

/// <summary>One line of the error summary: the message and the id of the input it is about (null: the whole form).</summary>
public sealed record FormError(string? FieldId, string Message);

/// <summary>What the new and edit pages share: the bound form, the error summary and the category suggestions.</summary>
public abstract class SupplierFormPage(IGrainFactory grains) : PageModel
{
    protected const string FormPrefix = nameof(Form);

    protected IGrainFactory Grains { get; } = grains;

    [BindProperty]
    public SupplierForm Form { get; set; } = SupplierForm.Blank();

    public IReadOnlyList<string> Categories { get; private set; } = [];

    /// <summary>Every error on the page in the order of the form, for the summary at its top.</summary>
    public IReadOnlyList<FormError> Errors => [.. ModelState
        .Where(e => e.Value is { ValidationState: ModelValidationState.Invalid })
        .OrderBy(e => FieldRank(e.Key))
        .SelectMany(e => e.Value!.Errors.Select(error => new FormError(
            e.Key.Length == 0 ? null : TagBuilder.CreateSanitizedId(e.Key, "_"),
            string.IsNullOrEmpty(error.ErrorMessage) ? "This value is not valid." : error.ErrorMessage)))];

    protected async Task LoadCategoriesAsync() => Categories = await Grains.ListSupplierCategoriesAsync();

    /// <summary>Validates the posted form; false (with the messages in the model state) when it is not valid.</summary>
    protected bool TryReadForm(out SupplierProfile profile)
    {
        var (read, errors) = Form.ToProfile(FormPrefix);
        profile = read;
        AddErrors(errors);
        return ModelState.IsValid;
    }

    protected void AddErrors(IReadOnlyDictionary<string, string[]> fieldErrors)
    {
        ArgumentNullException.ThrowIfNull(fieldErrors);
        foreach (var (field, messages) in fieldErrors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError(field, message);
            }
        }
    }

    private static int FieldRank(string key)
    {
        var order = new[] { "", "Form.Name", "Form.Category", "Form.ExternalId", "Form.Status", "Form.Contacts" };
        var index = Array.IndexOf(order, key);
        if (index >= 0)
        {
            return index;
        }

        // Form.Contacts[3].Email: rows in order, name before email.
        var open = key.IndexOf('[', StringComparison.Ordinal);
        var close = key.IndexOf(']', StringComparison.Ordinal);
        return open > 0 && close > open && int.TryParse(key.AsSpan(open + 1, close - open - 1), out var row)
            ? 10 + (2 * row) + (key.EndsWith(".Email", StringComparison.Ordinal) ? 1 : 0)
            : int.MaxValue;
    }
}
