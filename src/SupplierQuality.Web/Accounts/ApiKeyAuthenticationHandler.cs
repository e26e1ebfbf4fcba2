using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Accounts;

/// <summary>
/// <c>Authorization: Bearer sq_…</c>. The key is hashed and looked up in its grain on every request, so a revoked
/// key stops working at once. Missing, malformed, unknown and revoked keys all end in 401 with
/// <c>WWW-Authenticate: Bearer</c>; unknown and revoked look the same.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The short, non-secret id of the key (<see cref="ApiKeyInfo.Id"/>).</summary>
    public const string KeyIdClaim = "sq:api-key-id";

    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header is not a Bearer token.");
        }

        var key = header[BearerPrefix.Length..].Trim();
        if (!ApiKeyToken.IsWellFormed(key))
        {
            return AuthenticateResult.Fail("The bearer token is not an API key.");
        }

        var info = await grains.GetApiKey(ApiKeyToken.Hash(key)).GetInfo();
        if (info is null || info.IsRevoked)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "apikey:" + info.Id),
                new Claim(ClaimTypes.Name, info.Name),
                new Claim(ClaimTypes.Role, info.Role),
                new Claim(KeyIdClaim, info.Id),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750: say that a token was sent but is not valid; say nothing more.
        Response.Headers.Append(
            HeaderNames.WWWAuthenticate,
            result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"");
    }
}
