using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Suppliers.Import;

namespace SupplierQuality.Web.CsvImports;

/// <summary>
/// The upload step of a CSV import (suppliers, metrics). A file with problems comes back to the page with every
/// problem listed and nothing written; a good one is kept in an import grain (nothing written yet) and the browser
/// goes to its preview, where the person confirms. The grain, not a second upload, carries the file to the
/// confirmation: the confirmed import is then exactly the previewed one, on any node of the cluster.
/// </summary>
/// <typeparam name="TPreview">What the file would do, with its problems.</typeparam>
public abstract class CsvUploadPageModel<TPreview> : PageModel
    where TPreview : class
{
    /// <summary>
    /// Requests up to this size are read, so a file somewhat over the import limit gets the page's own message
    /// instead of the server's bare refusal. Each page names it in its request limits.
    /// </summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    private const int MaxFileNameLength = 200;

    /// <summary>Not named File: <see cref="PageModel"/> has File methods.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The problems found in the uploaded file (and what the rest of it would do); null before an upload.</summary>
    public TPreview? Preview { get; private set; }

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
        var preview = await PreviewAsync(bytes, fileName.Length > MaxFileNameLength ? fileName[..MaxFileNameLength] : fileName, HttpContext.RequestAborted);
        Preview = preview;
        return CanImport(preview) ? RedirectToPage("ImportPreview", new { id = await StageAsync(preview) }) : Page();
    }

    /// <summary>A file refused before it was read, for this one problem.</summary>
    protected abstract TPreview Refused(SupplierImportProblem problem);

    protected abstract Task<TPreview> PreviewAsync(byte[] bytes, string fileName, CancellationToken cancellationToken);

    protected abstract bool CanImport(TPreview preview);

    /// <summary>Keeps the previewed plan in an import grain; its id names the preview page.</summary>
    protected abstract Task<Guid> StageAsync(TPreview preview);
}
