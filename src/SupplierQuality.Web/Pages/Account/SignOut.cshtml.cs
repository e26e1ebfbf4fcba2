using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Account;

/// <summary>
/// Sign-out is a POST with an antiforgery token, so another site cannot sign a user out. It ends every session of the
/// account (a new security stamp), not only this browser's: deleting the cookie alone would leave any copy of it
/// working.
/// </summary>
public sealed class SignOutModel(IGrainFactory grains) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        // A cookie that no longer validates has no user here, so it cannot end the sessions begun since.
        if (User.AccountEmail() is { } email)
        {
            await grains.GetAccount(email).EndSessions();
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect(AccountsExtensions.SignOutPath);
    }
}
