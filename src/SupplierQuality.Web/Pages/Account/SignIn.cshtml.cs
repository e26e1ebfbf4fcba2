using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel(IGrainFactory grains, TimeProvider time) : PageModel
{
    /// <summary>Wrong password and unknown email must read the same, or the form tells who has an account.</summary>
    public const string WrongCredentials = "The email or password is not correct.";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = AccountEmail.Normalize(Email);
        var password = Password;
        Password = null;
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(password))
        {
            Problem = "Enter your email and password.";
            return Page();
        }

        var result = email is null
            ? new SignInAttempt(SignInStatus.Failed, null, null)
            : await grains.GetAccount(email).SignIn(password);
        switch (result.Status)
        {
            case SignInStatus.Succeeded:
                await HttpContext.SignInAsync(
                    CookieAuthenticationDefaults.AuthenticationScheme,
                    AccountClaims.Principal(result.Account!),
                    new AuthenticationProperties { IsPersistent = false });
                var target = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
                return result.Account!.MustChangePassword
                    ? LocalRedirect(QueryHelpers.AddQueryString(AccountCookieEvents.ChangePasswordPath, "returnUrl", target))
                    : LocalRedirect(target);
            case SignInStatus.LockedOut:
                var minutes = (int)Math.Ceiling((result.LockedUntil!.Value - time.GetUtcNow()).TotalMinutes);
                Problem = $"This account is locked after too many wrong passwords. Try again in {Math.Max(minutes, 1)} minutes.";
                break;
            case SignInStatus.Disabled:
                Problem = "This account is disabled. Ask an administrator to enable it.";
                break;
            default:
                Problem = WrongCredentials;
                break;
        }

        return Page();
    }
}
