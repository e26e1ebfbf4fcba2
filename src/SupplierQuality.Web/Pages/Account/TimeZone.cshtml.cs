using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Account;

/// <summary>
/// The time zone the signed-in account reads and types times in. The notice every page shows until one is chosen
/// posts here too ("Use Europe/Berlin", "Keep UTC"), with the page to go back to.
/// </summary>
public sealed class TimeZoneModel(IGrainFactory grains, TimeProvider time) : FormPageModel(grains)
{
    public const string Path = "/account/time-zone";

    /// <summary>An IANA id (<see cref="Zone.TryFind"/>).</summary>
    [BindProperty]
    public string? TimeZone { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The zone the pages show now.</summary>
    public Zone Current => Times.ZoneOf(User);

    /// <summary>False while the account has not chosen (the pages show UTC then).</summary>
    public bool Chosen => User.TimeZoneChoice() is not null;

    public DateTimeOffset Now => time.GetUtcNow();

    public void OnGet() => TimeZone = Current.Id;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Zone.TryFind(TimeZone, out var zone))
        {
            AddFieldError(nameof(TimeZone), Zone.Unknown(TimeZone));
            return Page();
        }

        var account = await Grains.GetAccount(User.AccountEmail()!).SetTimeZone(zone.Id);
        if (account is null)
        {
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            AddPageError(null, "This account can no longer be used; you are signed out.");
            return Page();
        }

        // The zone travels in the cookie, so pages need no grain call for it: a new cookie carries the new zone.
        await HttpContext.SignInSessionAsync(account);
        if (Url.IsLocalUrl(ReturnUrl))
        {
            return LocalRedirect(ReturnUrl);
        }

        Message = $"Times are now shown in {zone.Id}.";
        return RedirectToPage();
    }
}
