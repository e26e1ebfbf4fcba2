using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// Turns a request the framework could not read (bad JSON, no body, a query value of the wrong type) into a 400
/// problem that says what is wrong, in every environment; without it Development answers 500 and the others a
/// bare "Bad Request".
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = Explain(httpContext, bad),
            },
        });
    }

    private static string Explain(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return $"The body is not valid JSON for this request: {json.Message}";
        }

        var noBody = context.Request.ContentLength is 0
            || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false;
        return noBody ? "This request needs a JSON body." : bad.Message;
    }
}
