using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace SupplierQuality.Web.Accounts;

/// <summary>
/// Who may open which page, by folder, in this one place instead of an attribute on every page model. Deny by
/// default: a page in no folder listed here needs a signed-in account (<see cref="Policies.SignedIn"/>).
/// </summary>
/// <remarks>
/// Each page gets exactly one rule, the one for its nearest listed page or folder. The framework's
/// <c>AuthorizeFolder</c> adds up overlapping rules instead (a page must pass all of them), so it could not open the
/// scorecard settings in the admin folder to quality managers, or the change-password page to a one-time password.
/// </remarks>
internal static class PageAuthorization
{
    /// <summary>A page anyone may open, signed in or not.</summary>
    private const string? Anyone = null;

    private static readonly Dictionary<string, string?> Rules = new(StringComparer.Ordinal)
    {
        ["/"] = Policies.SignedIn,

        // The way in and out, and what a denied or failed request shows.
        ["/Account/SignIn"] = Anyone,
        ["/Account/SignOut"] = Anyone,
        ["/Account/Denied"] = Anyone,
        ["/Account/ChangePassword"] = Policies.ChangeOwnPassword,
        ["/Account/TimeZone"] = Policies.SignedIn,
        ["/Errors"] = Anyone,

        // A supplier's personal links (/s/, /u/): the token in the address is the credential.
        ["/Survey"] = Anyone,

        ["/Suppliers"] = Policies.ManageSuppliersAndSurveys,

        // The managed category list (docs/adr/0008): who keeps the suppliers keeps their categories.
        ["/Suppliers/Categories"] = Policies.ManageSuppliersAndSurveys,
        ["/Questionnaires"] = Policies.ManageSuppliersAndSurveys,
        ["/Campaigns"] = Policies.ManageSuppliersAndSurveys,
        ["/Metrics"] = Policies.ManageSuppliersAndSurveys,

        ["/Admin"] = Policies.Admin,
        ["/Admin/ScorecardSettings"] = Policies.ManageSuppliersAndSurveys,

        // Endpoints and their secrets: what leaves the installation, and where to.
        ["/Admin/Webhooks"] = Policies.Admin,

        // Who every supplier is told is asking, where their replies go and who sees their answers.
        ["/Admin/Organisation"] = Policies.Admin,
    };

    public static void Apply(PageConventionCollection pages) =>
        pages.AddFolderApplicationModelConvention("/", page =>
        {
            if (PolicyFor(page.ViewEnginePath) is { } policy)
            {
                page.EndpointMetadata.Add(new AuthorizeAttribute(policy));
            }
            else
            {
                page.EndpointMetadata.Add(new AllowAnonymousAttribute());
            }
        });

    /// <summary>The policy of the nearest listed page or folder of a page ("/Admin/Outbox"); null for anyone.</summary>
    private static string? PolicyFor(string pagePath)
    {
        for (var path = pagePath; ; path = path[..Math.Max(1, path.LastIndexOf('/'))])
        {
            if (Rules.TryGetValue(path, out var policy))
            {
                return policy;
            }
        }
    }
}
