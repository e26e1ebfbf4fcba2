using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Suppliers;

/// <summary>What the new and edit pages share: the bound form, its errors in form order and the category suggestions.</summary>
public abstract class SupplierFormPage(IGrainFactory grains) : FormPageModel(grains)
{
    protected const string FormPrefix = nameof(Form);

    [BindProperty]
    public SupplierForm Form { get; set; } = SupplierForm.Blank();

    public IReadOnlyList<string> Categories { get; private set; } = [];

    protected async Task LoadCategoriesAsync() => Categories = await Grains.ListSupplierCategoriesAsync();

    /// <summary>Validates the posted form; false (with the messages on the page) when it is not valid.</summary>
    protected bool TryReadForm(out SupplierProfile profile)
    {
        var (read, errors) = Form.ToProfile(FormPrefix);
        profile = read;
        AddFormErrors(errors);
        return ModelState.IsValid;
    }

    /// <summary>The supplier grain's verdict on the form (its rules' keys, such as <c>contacts[0].email</c>).</summary>
    protected void AddResultErrors(IReadOnlyDictionary<string, string[]> errors) =>
        AddFormErrors(SupplierForm.FieldErrors(errors, FormPrefix));

    /// <summary>The form again, with its messages and room for more contacts.</summary>
    protected async Task<IActionResult> ShowAgainAsync()
    {
        Form.WithContactRows();
        await LoadCategoriesAsync();
        return Page();
    }

    /// <summary>Errors keyed by this form's fields, added in the order of the form.</summary>
    private void AddFormErrors(IReadOnlyDictionary<string, string[]> fieldErrors) =>
        AddErrors(fieldErrors.OrderBy(e => FieldRank(e.Key)));

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
