using Microsoft.OpenApi;
using Scalar.AspNetCore;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Web.OpenApi;

/// <summary>
/// The API describes itself: an OpenAPI 3.1 document at <see cref="DocumentPath"/>, generated from the names,
/// summaries, typed results and problem responses declared on the minimal-API endpoints, and the Scalar API reference
/// for admins at <see cref="ReferencePath"/>, which runs on the script bundle embedded in the Scalar.AspNetCore package
/// (served by this node: no CDN, no web fonts, no telemetry).
/// </summary>
internal static class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/" + DocumentName + ".json";
    public const string ReferencePath = "/admin/api-reference";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "SupplierQuality API",
                    Version = DocumentName,
                    Description = "Suppliers, questionnaires, campaigns, metrics, rankings, scorecards and reviews for ERP and BI systems. "
                        + "Every /api call takes an API key (see the ApiKey scheme). Bad input answers 400 with a problem document whose "
                        + "errors name each field; a change that conflicts with the current state answers 409 with the reason.",
                };
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer<ApiKeySecurityTransformer>();
            o.AddOperationTransformer<ApiKeySecurityTransformer>();
            o.AddSchemaTransformer<EnumsByNameSchemaTransformer>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        // Anonymous on purpose: the document holds routes, shapes and descriptions (what the source already says),
        // never data, keys or settings; every call it describes still takes a key. Integration tooling (client
        // generators, Postman) can then read it without a credential to leak.
        app.MapOpenApi().AllowAnonymous();

        // Admins only (the pages' cookie). The page's two scripts (the package's embedded bundle and helper) stay
        // anonymous, as Scalar maps them: they are the public Scalar build, nothing of this node.
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("SupplierQuality API reference")
                .WithOpenApiRoutePattern(DocumentPath)
                .AddPreferredSecuritySchemes(ApiKeySecurityTransformer.SchemeName)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .WithNonce())
            .RequireAuthorization(Policies.Admin)
            .AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                // The page starts Scalar with one inline module script, which carries a fresh nonce per request.
                if (context.HttpContext.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                {
                    SecurityHeaders.UsePolicy(context.HttpContext, ReferencePolicy(nonce));
                }

                return result;
            });
        return app;
    }

    /// <summary>
    /// The node's policy plus the inline script that carries the nonce, and inline styles, which the Scalar app
    /// injects as it renders. Still only this node's origin for scripts, fonts, images and connections.
    /// </summary>
    internal static string ReferencePolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
