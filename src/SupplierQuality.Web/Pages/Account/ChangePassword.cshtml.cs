using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Account;

/// <summary>
/// Any signed-in account, including one holding a one-time password (the only page it may open): see
/// <see cref="Policies.ChangeOwnPassword"/>.
/// </summary>
public sealed class ChangePasswordModel(IGrainFactory grains, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Forced => User.MustChangePasswordNow();

    public List<string> Problems { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (current, next, confirm) = (CurrentPassword ?? "", NewPassword ?? "", ConfirmPassword ?? "");
        (CurrentPassword, NewPassword, ConfirmPassword) = (null, null, null);
        if (current.Length == 0)
        {
            Problems.Add("Enter your current password.");
        }

        if (PasswordPolicy.Problem(next) is { } weak)
        {
            Problems.Add("New password: " + weak);
        }
        else if (!string.Equals(next, confirm, StringComparison.Ordinal))
        {
            Problems.Add("The new password and its confirmation differ.");
        }

        if (Problems.Count > 0)
        {
            return Page();
        }

        var result = await grains.GetAccount(User.AccountEmail()!).ChangePassword(current, next);
        // The account's delay on password guesses, awaited here so the grain stays free meanwhile.
        await Task.Delay(result.Delay, time, HttpContext.RequestAborted);
        switch (result.Status)
        {
            case ChangePasswordStatus.Changed:
                // The new stamp ends every other session; this one continues with a fresh cookie.
                await HttpContext.SignInAsync(
                    CookieAuthenticationDefaults.AuthenticationScheme,
                    AccountClaims.Principal(result.Account!),
                    new AuthenticationProperties { IsPersistent = false });
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case ChangePasswordStatus.Unavailable:
                await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                Problems.Add("This account can no longer be used; you are signed out.");
                return Page();
            default:
                Problems.Add(result.Problem ?? "The password was not changed.");
                return Page();
        }
    }
}
