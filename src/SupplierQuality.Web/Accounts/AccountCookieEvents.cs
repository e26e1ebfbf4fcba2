using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Accounts;

/// <summary>
/// Keeps sessions honest: on every request the cookie's security stamp is checked against its account, so a session
/// ends at once when the account is gone or disabled, or its stamp changed (sign-out, new password, new role).
/// Holders of a one-time password are sent to change it. A time zone chosen in another session is taken into the
/// cookie here, so every page reads the zone from the cookie alone.
/// </summary>
/// <remarks>
/// One grain call per request: the account grain answers from memory in this process (or a silo of the cluster),
/// and stays activated while its owner is active, so the check costs far less than rendering a page.
/// </remarks>
internal sealed class AccountCookieEvents(IGrainFactory grains) : CookieAuthenticationEvents
{
    public const string ChangePasswordPath = "/account/change-password";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var email = context.Principal?.AccountEmail();
        var stamp = context.Principal?.FindFirst(AccountClaims.SecurityStamp)?.Value;
        var account = email is null ? null : await grains.GetAccount(email).GetInfo();
        if (account is null || account.Disabled || !string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        else if (!string.Equals(account.TimeZone, context.Principal!.TimeZoneChoice(), StringComparison.Ordinal))
        {
            // The holder chose another time zone in another session: this cookie takes it too, without a sign-in.
            context.ReplacePrincipal(AccountClaims.Principal(account));
            context.ShouldRenew = true;
        }
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.User.MustChangePasswordNow())
        {
            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.RedirectUri = QueryHelpers.AddQueryString(context.Request.PathBase + ChangePasswordPath, "returnUrl", returnUrl);
        }

        return base.RedirectToAccessDenied(context);
    }
}
