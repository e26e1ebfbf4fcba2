using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Web.CsvImports;

namespace SupplierQuality.Web.Pages.Metrics;

/// <summary>
/// A staged metrics import: its preview and the confirm button, then its progress and result. Confirming again (a
/// second click, the back button) only shows the result: the import grain applies its plan once.
/// </summary>
public sealed class ImportPreviewModel(IGrainFactory grains, TimeProvider time) : PageModel
{
    /// <summary>How long confirming waits for the import to finish before showing its progress instead.</summary>
    public static readonly TimeSpan ConfirmWait = TimeSpan.FromSeconds(10);

    public Guid Id { get; private set; }

    /// <summary>Null when the import is no longer held (it expired, or its node restarted).</summary>
    public MetricImportStatus? Import { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Id = id;
        Import = await grains.GetGrain<IMetricImportGrain>(id).GetStatusAsync();
        if (Import is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id)
    {
        Id = id;
        var import = grains.GetGrain<IMetricImportGrain>(id);
        if (await import.ApplyAsync() is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        await ImportWait.UntilAppliedAsync(import.GetProgressAsync, p => p.Phase == MetricImportPhase.Applied, ConfirmWait, time, HttpContext.RequestAborted);
        return RedirectToPage("ImportPreview", new { id });
    }
}
