using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Suppliers;

public sealed class DetailsModel(IGrainFactory grains) : PageModel
{
    private const int MaxStatusAttempts = 3;

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

    /// <summary>
    /// Sets the status and keeps the rest of the profile as saved now. The form sends the status wanted, not "flip",
    /// so sending it twice changes nothing the second time.
    /// </summary>
    public async Task<IActionResult> OnPostStatusAsync(Guid id, string? status)
    {
        if (!SupplierInput.TryParseStatus(status, out var parsed) || parsed is not { } wanted)
        {
            return BadRequest();
        }

        var grain = grains.GetGrain<ISupplierGrain>(id);

        // Based on the profile read just before: an edit saved in between only costs another round.
        for (var attempt = 0; attempt < MaxStatusAttempts; attempt++)
        {
            if (await grain.GetAsync() is not { } supplier)
            {
                return NotFound();
            }

            if (supplier.Status == wanted)
            {
                Message = $"{supplier.Name} is already {wanted.ToString().ToLowerInvariant()}.";
                return RedirectToPage("Details", new { id });
            }

            var profile = new SupplierProfile(supplier.Name, supplier.Category, null, wanted, supplier.Contacts);
            var result = await grain.UpdateAsync(new UpdateSupplier(supplier.Version, profile));
            switch (result.Outcome)
            {
                case CommandOutcome.Ok:
                    Message = wanted == SupplierStatus.Inactive
                        ? $"{supplier.Name} is now inactive: it is left out of new campaigns. Its details and history are kept."
                        : $"{supplier.Name} is active again: it takes part in new campaigns.";
                    return RedirectToPage("Details", new { id });
                case CommandOutcome.NotFound:
                    return NotFound();
                case CommandOutcome.Invalid:
                    Message = "The status was not changed: the saved details break a rule (" + string.Join(" ", result.Errors.Values.SelectMany(m => m)) + ") Edit the supplier first.";
                    return RedirectToPage("Details", new { id });
            }
        }

        Message = "The status was not changed: the supplier is being changed by someone else right now. Try again.";
        return RedirectToPage("Details", new { id });
    }
}
