using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Accounts;

/// <summary>What a sign-in cookie says about its account.</summary>
internal static class AccountClaims
{
    /// <summary>The account's security stamp when the session began; a different stamp now ends the session.</summary>
    public const string SecurityStamp = "sq:security-stamp";

    /// <summary>Present while the account holds a one-time password: only the change-password page is open.</summary>
    public const string MustChangePassword = "sq:must-change-password";

    /// <summary>
    /// The IANA time zone the account reads times in, so pages need no grain call for it; absent until the holder
    /// chooses (pages then show UTC and offer the browser's zone).
    /// </summary>
    public const string TimeZone = "sq:time-zone";

    public static ClaimsPrincipal Principal(AccountInfo account)
    {
        ArgumentNullException.ThrowIfNull(account);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, account.Email),
            new(ClaimTypes.Email, account.Email),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Role, account.Role),
            new(SecurityStamp, account.SecurityStamp),
        ];
        if (account.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePassword, "true"));
        }

        if (account.TimeZone is { } zone)
        {
            claims.Add(new Claim(TimeZone, zone));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>Starts a session for the account: a cookie that ends with the browser, carrying the claims above.</summary>
    public static Task SignInSessionAsync(this HttpContext context, AccountInfo account) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(account), new AuthenticationProperties { IsPersistent = false });

    /// <summary>The normalized email of the signed-in account (the account grain key).</summary>
    public static string? AccountEmail(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static bool MustChangePasswordNow(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == MustChangePassword);

    /// <summary>The time zone the account chose (an IANA id), or null while it has not chosen.</summary>
    public static string? TimeZoneChoice(this ClaimsPrincipal user) => user.FindFirstValue(TimeZone);
}
