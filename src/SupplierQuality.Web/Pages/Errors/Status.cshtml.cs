using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SupplierQuality.Web.Pages.Errors;

/// <summary>
/// The page a browser sees for an error status (404, 403, 405, ...) instead of problem details, which API clients keep.
/// Reached by re-execution, so the status code and the address in the browser stay as they were.
/// </summary>
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Explanation { get; private set; } = "The request could not be completed.";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            404 => ("Page not found", "There is no page at this address. Check the link, or start again from the start page."),
            403 => ("Access denied", "Your account may not open this page."),
            405 => ("Not allowed", "This address does not take that kind of request."),
            429 => ("Too many requests", "Please wait a moment, then try again."),
            _ => ("Something went wrong", $"The request could not be completed (status {code})."),
        };
    }
}
