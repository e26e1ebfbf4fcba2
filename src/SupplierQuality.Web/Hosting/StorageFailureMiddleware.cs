using System.Runtime.CompilerServices;
using Microsoft.Net.Http.Headers;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// The one place where a request that failed because the database is away becomes an answer: 503 with Retry-After,
/// as problem details for the API and as the error page (re-executed by the status code pages) for a browser, never
/// a 500 with a stack trace. Other exceptions go on to the exception handler. Sits inside the status code pages so a
/// browser gets the site's page; a page that can do better (the survey form shows the typed answers again) catches
/// <see cref="StorageFailure"/> itself.
/// </summary>
internal sealed class StorageFailureMiddleware(RequestDelegate next)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);

    // Per node (tests host several in one process), without a service of its own to register.
    private static readonly ConditionalWeakTable<NodeStorage, LogThrottle> Throttles = [];

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && StorageFailure.Cause(e) is { } cause)
        {
            Log(context, cause, e);
            context.Response.Clear();
            SetUnavailable(context.Response);
            if (BrowserRequests.WantPages(context))
            {
                // An empty 503: the status code pages re-execute /status/503 for the browser.
                return;
            }

            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The service cannot store or read data just now.",
                    Detail = $"Nothing was changed by this request. Send it again in {StorageFailure.RetryAfterSeconds} seconds or later.",
                },
            });
        }
    }

    /// <summary>503 with Retry-After: the status and header every storage outage answers with.</summary>
    public static void SetUnavailable(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers[HeaderNames.RetryAfter] = StorageFailure.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Logs what failed and what happens now: one line per <see cref="LogEvery"/> at most, with the count since the last,
    /// so an outage under load does not flood the log.
    /// </summary>
    public static void Log(HttpContext context, string cause, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        var storage = services.GetRequiredService<NodeStorage>();
        var throttle = Throttles.GetOrCreateValue(storage);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref throttle.LastLogged);
        var count = Interlocked.Increment(ref throttle.Since);
        if ((last != long.MinValue && now - last < LogEvery.TotalMilliseconds) || Interlocked.CompareExchange(ref throttle.LastLogged, now, last) != last)
        {
            return;
        }

        Interlocked.Exchange(ref throttle.Since, 0);
        services.GetRequiredService<ILogger<StorageFailureMiddleware>>().LogError(
            "Storage unavailable: {Cause}. Data is kept in {Storage}. Requests that need it answer 503 with Retry-After "
                + "({Count} since the last line like this); the node resumes on its own when the database is back. Last error: {Error}",
            cause, storage.Describe(), count, exception?.GetBaseException().Message);
    }

    private sealed class LogThrottle
    {
        public long LastLogged = long.MinValue;
        public int Since;
    }
}

internal static class StorageFailureMiddlewareExtensions
{
    public static IApplicationBuilder UseStorageFailures(this IApplicationBuilder app) => app.UseMiddleware<StorageFailureMiddleware>();
}
