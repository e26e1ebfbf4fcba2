using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.OpenApi;

/// <summary>
/// Declares the API key as an HTTP bearer scheme (document) and puts it, with its 401 and 403 answers, on exactly the
/// operations whose authorization policy authenticates with API keys (operations). Read from the endpoints' own
/// policies, so a route that is anonymous (the SendGrid webhook) or cookie-only is never marked by mistake.
/// </summary>
internal sealed class ApiKeySecurityTransformer(IAuthorizationPolicyProvider policies)
    : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The scheme's name in the document: the authentication scheme's own name.</summary>
    public const string SchemeName = ApiKeyAuthenticationHandler.SchemeName;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = $"{ApiKeyToken.Prefix}…",
            Description = $"An API key an admin issues on /admin/api-keys, sent as `Authorization: Bearer {ApiKeyToken.Prefix}…`. "
                + "Any key reads; quality-manager and admin keys also write; admin keys also list accounts. "
                + "A missing, unknown or revoked key answers 401 with `WWW-Authenticate: Bearer`.",
        };
        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        // The group's and the endpoint's policies together, as the authorization middleware combines them.
        var policy = await AuthorizationPolicy.CombineAsync(policies, [.. metadata.OfType<IAuthorizeData>()], [.. metadata.OfType<AuthorizationPolicy>()]);
        if (policy is null || !policy.AuthenticationSchemes.Contains(SchemeName, StringComparer.Ordinal))
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or an unknown or revoked one." });
        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToList();
        if (roles.Count > 0)
        {
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The key's role may not do this: it takes a key of role {string.Join(" or ", roles)}." });
        }
    }
}
