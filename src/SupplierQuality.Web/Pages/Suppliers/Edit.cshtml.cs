using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Suppliers;

public sealed class EditModel(IGrainFactory grains) : SupplierFormPage(grains)
{
    /// <summary>The supplier as saved: the heading, and what someone else saved after a conflict.</summary>
    public SupplierDetails Supplier { get; private set; } = null!;

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Grains.GetGrain<ISupplierGrain>(id).GetAsync() is not { } supplier)
        {
            return NotFound();
        }

        Supplier = supplier;
        Form = SupplierForm.From(supplier);
        await LoadCategoriesAsync();
        return Page();
    }

    public Task<IActionResult> OnPostAddContactAsync(Guid id) => ChangeContactRowsAsync(id, form => form.AddContactRow());

    public Task<IActionResult> OnPostRemoveContactAsync(Guid id, int remove) => ChangeContactRowsAsync(id, form => form.RemoveContactRow(remove));

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var grain = Grains.GetGrain<ISupplierGrain>(id);
        if (await grain.GetAsync() is not { } supplier)
        {
            return NotFound();
        }

        Supplier = supplier;
        if (await ReadFormAsync() is { } profile)
        {
            // The external id is not in the form: null keeps the supplier's own.
            var result = await grain.UpdateAsync(new UpdateSupplier(Form.Version, profile with { ExternalId = null }));
            switch (result.Outcome)
            {
                case CommandOutcome.Ok:
                    Message = "Changes saved.";
                    return RedirectToPage("Details", new { id });
                case CommandOutcome.NotFound:
                    return NotFound();
                case CommandOutcome.Conflict:
                    // Show what is saved now and take its version: a second save is a decision made having seen it.
                    Supplier = result.Value!;
                    Conflict = true;
                    ModelState.Remove($"{FormPrefix}.{nameof(SupplierForm.Version)}");
                    Form.Version = Supplier.Version;
                    AddPageError("#conflict-title", "Someone else saved this supplier while you were editing it. Check their changes below before saving again.");
                    break;
                default:
                    AddResultErrors(result.Errors);
                    break;
            }
        }

        return await ShowAgainAsync();
    }

    private async Task<IActionResult> ChangeContactRowsAsync(Guid id, Action<SupplierForm> change)
    {
        if (await Grains.GetGrain<ISupplierGrain>(id).GetAsync() is not { } supplier)
        {
            return NotFound();
        }

        Supplier = supplier;
        return await ChangeContactRowsAsync(change);
    }
}
