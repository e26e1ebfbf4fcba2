using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Accounts;

/// <summary>The API key making a call, as <c>GET /api/accounts/me</c> returns it.</summary>
internal sealed record ApiKeyIdentity(string Id, string Name, string Role);

/// <summary><c>/api/accounts</c>: who the calling key is, and (admin keys) the account list.</summary>
internal static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/accounts")
            .WithTags("Accounts")
            .RequireAuthorization(Policies.ApiRead);

        api.MapGet("/me", Me)
            .WithName("GetCallingApiKey")
            .WithSummary("The API key making the call")
            .WithDescription("Its short id, name and role: a cheap way for an integration to check its key.");

        api.MapGet("/", ListAccounts)
            .RequireAuthorization(Policies.ApiAdmin)
            .WithName("ListAccounts")
            .WithSummary("List accounts (admin keys only)");

        return api;
    }

    public static Ok<ApiKeyIdentity> Me(ClaimsPrincipal user) => TypedResults.Ok(new ApiKeyIdentity(
        user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? "",
        user.Identity?.Name ?? "",
        user.FindFirstValue(ClaimTypes.Role) ?? ""));

    public static async Task<Ok<IReadOnlyList<AccountSummary>>> ListAccounts(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetAccountDirectory().List());
}
