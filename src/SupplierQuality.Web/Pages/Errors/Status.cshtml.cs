using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Web.Pages.Errors;

/// <summary>
/// The page a browser sees for an error status (404, 403, 405, ...) instead of problem details, which API clients keep.
/// Reached by re-execution, so the status code and the address in the browser stay as they were.
/// </summary>
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Explanation { get; private set; } = "The request could not be completed.";

    public void OnGet(int code) => Describe(code, posted: false);

    public void OnPost(int code) => Describe(code, posted: true);

    private void Describe(int code, bool posted)
    {
        if (code == StatusCodes.Status503ServiceUnavailable)
        {
            // The database is away for a moment (StorageFailureMiddleware); what was saved before is safe.
            Response.Headers.RetryAfter = StorageFailure.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        (Title, Explanation) = code switch
        {
            503 when posted => ("We could not save just now",
                "Nothing was lost, but what you just sent was not saved. Go back: your browser keeps what you typed in the form. Send it again in a moment."),
            503 => ("Please try again in a moment", "This page cannot be shown just now. Nothing saved before is lost. Try again in a moment."),
            404 => ("Page not found", "There is no page at this address. Check the link, or start again from the start page."),
            403 => ("Access denied", "Your account may not open this page."),
            405 => ("Not allowed", "This address does not take that kind of request."),
            429 => ("Too many requests", "Please wait a moment, then try again."),
            _ => ("Something went wrong", $"The request could not be completed (status {code})."),
        };
    }
}
