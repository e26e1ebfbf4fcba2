using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Account;

/// <summary>
/// Sign-in, with both guards against password guessing: the limit per client address, checked before any password
/// is hashed, and the account's delay (<see cref="IAccountGrain"/>), awaited here so the grain stays free meanwhile.
/// </summary>
internal sealed class SignInModel(IGrainFactory grains, SignInAddressLimiter limiter, TimeProvider time) : FormPageModel(grains)
{
    /// <summary>Wrong password and unknown email must read the same, or the form tells who has an account.</summary>
    public const string WrongCredentials = "The email or password is not correct.";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = AccountEmail.Normalize(Email);
        var password = Password;
        Password = null;
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(password))
        {
            if (string.IsNullOrWhiteSpace(Email))
            {
                AddFieldError(nameof(Email), "Enter your email address.");
            }

            if (string.IsNullOrEmpty(password))
            {
                AddFieldError(nameof(Password), "Enter your password.");
            }

            return Page();
        }

        var permit = limiter.TryAcquire(HttpContext.Connection.RemoteIpAddress);
        if (!permit.Acquired)
        {
            return TooManyAttempts(permit.RetryAfter);
        }

        var result = email is null
            ? new SignInAttempt(SignInStatus.Failed, null, TimeSpan.Zero)
            : await Grains.GetAccount(email).SignIn(password);
        await Task.Delay(result.Delay, time, HttpContext.RequestAborted);
        switch (result.Status)
        {
            case SignInStatus.Succeeded:
                permit.Refund();
                await HttpContext.SignInSessionAsync(result.Account!);
                var target = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
                return result.Account!.MustChangePassword
                    ? LocalRedirect(QueryHelpers.AddQueryString(AccountCookieEvents.ChangePasswordPath, "returnUrl", target))
                    : LocalRedirect(target);
            case SignInStatus.Disabled:
                AddPageError(null, "This account is disabled. Ask an administrator to enable it.");
                break;
            default:
                // Linked to the first field but marking neither: which of the two is wrong is not to be told.
                AddPageError("#" + FieldId(nameof(Email)), WrongCredentials);
                break;
        }

        return Page();
    }

    /// <summary>429 with Retry-After for clients, and the form with a readable wait for people.</summary>
    private PageResult TooManyAttempts(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        AddPageError(null, $"Too many failed sign-ins from your network address. Wait {seconds} {(seconds == 1 ? "second" : "seconds")}, then try again.");
        var page = Page();
        page.StatusCode = StatusCodes.Status429TooManyRequests;
        return page;
    }
}
