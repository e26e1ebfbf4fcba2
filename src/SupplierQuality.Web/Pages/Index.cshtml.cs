using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Pages;

/// <summary>The home page: what an executive comes for is the ranking, so they go straight there; others get their links.</summary>
public sealed class HomeModel : PageModel
{
    public IActionResult OnGet() => User.IsInRole(Roles.Executive) ? LocalRedirect("/rankings") : Page();
}
