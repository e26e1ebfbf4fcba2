using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Suppliers;

[Authorize(Policy = Policies.ManageSuppliers)]
public sealed class NewModel(IGrainFactory grains) : SupplierFormPage(grains)
{
    public async Task OnGetAsync() => await LoadCategoriesAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (TryReadForm(out var profile))
        {
            var id = SupplierIds.ForNew(profile.ExternalId);
            var result = await Grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(profile));
            switch (result.Outcome)
            {
                case SupplierOutcome.Created:
                case SupplierOutcome.Ok:
                    return RedirectToPage("Details", new { id });
                case SupplierOutcome.Conflict:
                    ModelState.AddModelError(
                        $"{FormPrefix}.{nameof(SupplierForm.ExternalId)}",
                        $"The supplier \"{result.Supplier!.Name}\" already has this external id.");
                    break;
                default:
                    AddErrors(SupplierForm.FieldErrors(result.Errors, FormPrefix));
                    break;
            }
        }

        Form.WithContactRows();
        await LoadCategoriesAsync();
        return Page();
    }
}
