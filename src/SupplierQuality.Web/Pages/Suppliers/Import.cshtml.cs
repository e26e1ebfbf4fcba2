using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Suppliers.Import;

namespace SupplierQuality.Web.Pages.Suppliers;

/// <summary>
/// Upload of a CSV file. A file with problems comes back here with every problem listed; a good one is kept in an
/// import grain (nothing written yet) and the browser goes to its preview, where the person confirms. The grain,
/// not a second upload, carries the file to the confirmation: the confirmed import is then exactly the previewed one,
/// on any node of the cluster.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class ImportModel(IGrainFactory grains) : PageModel
{
    /// <summary>
    /// Requests up to this size are read, so a file somewhat over the import limit gets the page's own message
    /// instead of the server's bare refusal.
    /// </summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    private const int MaxFileNameLength = 200;

    /// <summary>Not named File: <see cref="PageModel"/> has File methods.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The problems found in the uploaded file (and what the rest of it would do); null before an upload.</summary>
    public SupplierImportPreview? Preview { get; private set; }

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
        Preview = await SupplierImporter.PreviewAsync(
            grains, bytes, fileName.Length > MaxFileNameLength ? fileName[..MaxFileNameLength] : fileName, HttpContext.RequestAborted);
        if (!Preview.CanImport)
        {
            return Page();
        }

        var id = await SupplierImporter.StageAsync(grains, Preview.Plan);
        return RedirectToPage("ImportPreview", new { id });
    }

    private static SupplierImportPreview Refused(SupplierImportProblem problem) =>
        new(new SupplierImportPlan(null, 0, 0, [], []), [problem]);
}
