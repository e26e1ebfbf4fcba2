using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Account;

/// <summary>
/// Any signed-in account, including one holding a one-time password (the only page it may open): see
/// <see cref="Policies.ChangeOwnPassword"/>.
/// </summary>
public sealed class ChangePasswordModel(IGrainFactory grains, TimeProvider time) : FormPageModel(grains)
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

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (current, next, confirm) = (CurrentPassword ?? "", NewPassword ?? "", ConfirmPassword ?? "");
        (CurrentPassword, NewPassword, ConfirmPassword) = (null, null, null);
        if (current.Length == 0)
        {
            AddFieldError(nameof(CurrentPassword), "Enter your current password.");
        }

        if (PasswordPolicy.Problem(next) is { } weak)
        {
            AddFieldError(nameof(NewPassword), "New password: " + weak);
        }
        else if (!string.Equals(next, confirm, StringComparison.Ordinal))
        {
            AddFieldError(nameof(ConfirmPassword), "The new password and its confirmation differ.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await Grains.GetAccount(User.AccountEmail()!).ChangePassword(current, next);
        // The account's delay on password guesses, awaited here so the grain stays free meanwhile.
        await Task.Delay(result.Delay, time, HttpContext.RequestAborted);
        switch (result.Status)
        {
            case ChangePasswordStatus.Changed:
                // The new stamp ends every other session; this one continues with a fresh cookie.
                await HttpContext.SignInSessionAsync(result.Account!);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case ChangePasswordStatus.Unavailable:
                await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                AddPageError(null, "This account can no longer be used; you are signed out.");
                return Page();
            case ChangePasswordStatus.WrongPassword:
                AddFieldError(nameof(CurrentPassword), result.Problem ?? "The current password is not correct.");
                return Page();
            default:
                AddFieldError(nameof(NewPassword), result.Problem ?? "The password was not changed.");
                return Page();
        }
    }
}
