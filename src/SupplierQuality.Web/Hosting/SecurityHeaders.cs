namespace SupplierQuality.Web.Hosting;

/// <summary>
/// Headers every response carries: a Content-Security-Policy that allows no inline script (nor inline style, nor
/// being framed), nosniff, a referrer policy, and no-store on everything but static files so staff pages stay out of
/// shared caches. Survey and unsubscribe links (<c>/s/</c>, <c>/u/</c>) send no referrer at all; they set that
/// themselves (InvitationsExtensions), this only fills in what is missing.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " + Rest;

    /// <summary>
    /// For a page showing an email's HTML in a sandboxed srcdoc frame (Pages/EmailFrame), which inherits the page's
    /// policy: emails carry inline styles, so such a page allows them (still no script).
    /// </summary>
    public const string EmailPreviewPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " + Rest;

    private const string Rest =
        "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Marks the policy a page chose for its own response (Items key).</summary>
    private static readonly object OwnPolicy = new();

    /// <summary>Marks a response whose endpoint set its own Cache-Control (Items key).</summary>
    private static readonly object OwnCaching = new();

    /// <summary>
    /// Replaces the policy for this one response: for a page whose inline script carries a per-request nonce (the API
    /// reference, OpenApi/ApiDocumentation).
    /// </summary>
    public static void UsePolicy(HttpContext context, string policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[OwnPolicy] = policy;
    }

    /// <summary>
    /// Keeps the Cache-Control this response's endpoint sets instead of no-store: for a public resource that is the
    /// same for everyone, such as the organisation's logo.
    /// </summary>
    public static void KeepCacheControl(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[OwnCaching] = true;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            var path = context.Request.Path;
            headers.ContentSecurityPolicy = context.Items.TryGetValue(OwnPolicy, out var own) && own is string policy ? policy
                : path.StartsWithSegments("/admin/outbox", StringComparison.OrdinalIgnoreCase) ? EmailPreviewPolicy
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.TryAdd("Referrer-Policy", "same-origin");
            if (!IsStaticFile(path) && !context.Items.ContainsKey(OwnCaching))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    private static bool IsStaticFile(PathString path) =>
        path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/js", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase);
}
