namespace SupplierQuality.Web.Hosting;

internal static class BrowserRequests
{
    /// <summary>
    /// A person's browser asking for a page: it gets an HTML error page. The API, health and webhook endpoints, and
    /// clients that do not ask for HTML, keep problem details.
    /// </summary>
    public static bool WantPages(HttpContext context)
    {
        var path = context.Request.Path;
        return !path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/webhooks", StringComparison.OrdinalIgnoreCase)
            && context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
    }
}
