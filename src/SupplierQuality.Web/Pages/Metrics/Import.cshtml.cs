using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Metrics;
using SupplierQuality.Web.Suppliers.Import;

namespace SupplierQuality.Web.Pages.Metrics;

/// <summary>
/// Upload of a metrics CSV file, as the supplier import: a file with problems comes back here with every problem
/// listed and nothing written; a good one is kept in an import grain and the browser goes to its preview, where the
/// person confirms exactly what they saw.
/// </summary>
[RequestSizeLimit(Suppliers.ImportModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Suppliers.ImportModel.MaxRequestBytes)]
public sealed class ImportModel(IGrainFactory grains, TimeProvider time) : PageModel
{
    private const int MaxFileNameLength = 200;

    /// <summary>Not named File: <see cref="PageModel"/> has File methods.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The problems found in the uploaded file (and what the rest of it would do); null before an upload.</summary>
    public MetricImportPreview? Preview { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is not { Length: > 0 } upload)
        {
            Preview = Refused(new SupplierImportProblem(null, null, "Choose the CSV file to import."));
            return Page();
        }

        if (SupplierCsv.CheckSize(upload.Length) is { } tooLarge)
        {
            Preview = Refused(tooLarge);
            return Page();
        }

        var bytes = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, HttpContext.RequestAborted);
        }

        var fileName = Path.GetFileName(upload.FileName);
        var file = MetricCsvFile.Read(bytes, time.GetUtcNow());
        Preview = await MetricImporter.PreviewAsync(
            grains,
            file.Entries,
            file.Rows,
            file.Errors,
            fileName.Length > MaxFileNameLength ? fileName[..MaxFileNameLength] : fileName,
            User.AccountEmail()!,
            file.Heading,
            HttpContext.RequestAborted);
        if (!Preview.CanImport)
        {
            return Page();
        }

        var id = await MetricImporter.StageAsync(grains, Preview.Plan);
        return RedirectToPage("ImportPreview", new { id });
    }

    private static MetricImportPreview Refused(SupplierImportProblem problem) =>
        new(new MetricImportPlan(null, 0, 0, [], string.Empty), [problem]);
}
