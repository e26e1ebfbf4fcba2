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

    /// <summary>The managed list (docs/adr/0008), which the form offers as a select.</summary>
    protected async Task LoadCategoriesAsync() => Categories = await Grains.GetSupplierCategories().ListAsync();

    /// <summary>
    /// Validates the posted form, its category against the managed list too; null (with the messages on the page)
    /// when it is not valid.
    /// </summary>
    protected async Task<SupplierProfile?> ReadFormAsync()
    {
        await LoadCategoriesAsync();
        var (profile, errors) = Form.ToProfile(FormPrefix);
        var (category, problem) = SupplierCategories.Check(profile.Category, Categories);
        if (problem is not null)
        {
            errors[$"{FormPrefix}.{nameof(SupplierForm.Category)}"] = [problem];
        }

        AddFormErrors(errors);
        return ModelState.IsValid ? profile with { Category = category } : null;
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

    /// <summary>
    /// The form as posted with its contact rows changed ("Add another contact", "Remove"): not a save, so nothing is
    /// validated and no message shown. The posted values are dropped from the model state, or the inputs would show
    /// the values posted at each row's old position.
    /// </summary>
    protected async Task<IActionResult> ChangeContactRowsAsync(Action<SupplierForm> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ModelState.Clear();
        Form.Contacts.RemoveAll(row => row is null);
        change(Form);
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

        // Form.Contacts[3].Email: rows in order, each row's fields in form order.
        var open = key.IndexOf('[', StringComparison.Ordinal);
        var close = key.IndexOf(']', StringComparison.Ordinal);
        var fields = ContactRow.FieldOrder;
        return open > 0 && close > open && int.TryParse(key.AsSpan(open + 1, close - open - 1), out var row)
            ? 10 + (fields.Length * row) + Math.Max(0, Array.IndexOf(fields, key[(key.LastIndexOf('.') + 1)..]))
            : int.MaxValue;
    }
}
