using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Accounts;

/// <summary>
/// Keeps sessions honest: a session whose account is gone, disabled or has a new security stamp (new password,
/// new role) ends at its next check. Holders of a one-time password are sent to change it.
/// </summary>
internal sealed class AccountCookieEvents(IGrainFactory grains, IOptionsMonitor<AccountsOptions> options, TimeProvider time)
    : CookieAuthenticationEvents
{
    public const string ChangePasswordPath = "/account/change-password";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        if (context.Properties.IssuedUtc is { } issued && now - issued < options.CurrentValue.SessionCheckInterval)
        {
            return;
        }

        var email = context.Principal?.AccountEmail();
        var stamp = context.Principal?.FindFirst(AccountClaims.SecurityStamp)?.Value;
        var account = email is null ? null : await grains.GetAccount(email).GetInfo();
        if (account is null || account.Disabled || account.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        // Re-issue the cookie, which moves IssuedUtc: the next check is one interval from now.
        context.ShouldRenew = true;
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
