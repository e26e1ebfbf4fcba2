using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Suppliers;

[Authorize(Policy = Policies.ManageSuppliers)]
public sealed class DetailsModel(IGrainFactory grains) : PageModel
{
    public SupplierDetails Supplier { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await grains.GetGrain<ISupplierGrain>(id).GetAsync() is not { } supplier)
        {
            return NotFound();
        }

        Supplier = supplier;
        return Page();
    }
}
