using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Suppliers;

public sealed class NewModel(IGrainFactory grains) : SupplierFormPage(grains)
{
    public async Task OnGetAsync() => await LoadCategoriesAsync();

    public Task<IActionResult> OnPostAddContactAsync() => ChangeContactRowsAsync(form => form.AddContactRow());

    public Task<IActionResult> OnPostRemoveContactAsync(int remove) => ChangeContactRowsAsync(form => form.RemoveContactRow(remove));

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ReadFormAsync() is { } profile)
        {
            var id = SupplierIds.ForNew(profile.ExternalId);
            var result = await Grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(profile));
            switch (result.Outcome)
            {
                case CommandOutcome.Created:
                case CommandOutcome.Ok:
                    // Shown once on the supplier's page, in a role=status paragraph that screen readers announce.
                    Message = $"Supplier {result.Value!.Name} added.";
                    return RedirectToPage("Details", new { id });
                case CommandOutcome.Conflict:
                    AddFieldError(
                        $"{FormPrefix}.{nameof(SupplierForm.ExternalId)}",
                        $"The supplier \"{result.Value!.Name}\" already has this external id.");
                    break;
                default:
                    AddResultErrors(result.Errors);
                    break;
            }
        }

        return await ShowAgainAsync();
    }
}
