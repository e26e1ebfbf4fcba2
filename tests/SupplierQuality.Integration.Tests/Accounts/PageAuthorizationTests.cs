using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Integration.Tests.Accounts;

/// <summary>
/// Every page route the node serves, held to the one policy it should have (PageAuthorization), then visited as each
/// kind of visitor. A new page fails here until it is written into <see cref="Expected"/>.
/// </summary>
[Collection(AccountsNode.Collection)]
public sealed partial class PageAuthorizationTests(AccountsNode fixture)
{
    private const string Anyone = "anyone";

    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["/"] = Policies.SignedIn,
        ["/Index"] = Policies.SignedIn,
        ["/account/sign-in"] = Anyone,
        ["/account/sign-out"] = Anyone,
        ["/account/denied"] = Anyone,
        ["/account/change-password"] = Policies.ChangeOwnPassword,
        ["/account/time-zone"] = Policies.SignedIn,
        ["/status/{code:int}"] = Anyone,
        ["/s/{**token}"] = Anyone,
        ["/u/{**token}"] = Anyone,
        ["/suppliers"] = Policies.ManageSuppliersAndSurveys,
        ["/suppliers/new"] = Policies.ManageSuppliersAndSurveys,
        ["/suppliers/{id:guid}"] = Policies.ManageSuppliersAndSurveys,
        ["/suppliers/{id:guid}/edit"] = Policies.ManageSuppliersAndSurveys,
        ["/suppliers/import"] = Policies.ManageSuppliersAndSurveys,
        ["/suppliers/import/{id:guid}"] = Policies.ManageSuppliersAndSurveys,
        ["/suppliers/categories"] = Policies.ManageSuppliersAndSurveys,
        ["/questionnaires"] = Policies.ManageSuppliersAndSurveys,
        ["/questionnaires/new"] = Policies.ManageSuppliersAndSurveys,
        ["/questionnaires/{id:guid}"] = Policies.ManageSuppliersAndSurveys,
        ["/questionnaires/{id:guid}/draft"] = Policies.ManageSuppliersAndSurveys,
        ["/questionnaires/{id:guid}/draft/questions/{questionId?}"] = Policies.ManageSuppliersAndSurveys,
        ["/questionnaires/{id:guid}/versions/{number:int}/preview"] = Policies.ManageSuppliersAndSurveys,
        ["/questionnaires/{id:guid}/versions/{number:int}/translations/{language}"] = Policies.ManageSuppliersAndSurveys,
        ["/campaigns"] = Policies.ManageSuppliersAndSurveys,
        ["/campaigns/new"] = Policies.ManageSuppliersAndSurveys,
        ["/campaigns/{id:guid}"] = Policies.ManageSuppliersAndSurveys,
        ["/campaigns/{id:guid}/edit"] = Policies.ManageSuppliersAndSurveys,
        ["/campaigns/{id:guid}/emails"] = Policies.ManageSuppliersAndSurveys,
        ["/campaigns/{id:guid}/add-suppliers"] = Policies.ManageSuppliersAndSurveys,
        ["/campaigns/{id:guid}/suppliers/{supplierId:guid}"] = Policies.ManageSuppliersAndSurveys,
        ["/metrics/import"] = Policies.ManageSuppliersAndSurveys,
        ["/metrics/import/{id:guid}"] = Policies.ManageSuppliersAndSurveys,
        ["/admin/scorecard-settings"] = Policies.ManageSuppliersAndSurveys,
        ["/campaigns/{id:guid}/responses"] = Policies.SignedIn,
        ["/campaigns/{id:guid}/comments"] = Policies.SignedIn,
        ["/rankings"] = Policies.SignedIn,
        ["/suppliers/{id:guid}/scorecard"] = Policies.SignedIn,
        ["/reviews"] = Policies.SignedIn,
        ["/reviews/{id:guid}"] = Policies.SignedIn,
        ["/reviews/{id:guid}/suppliers/{supplierId:guid}"] = Policies.SignedIn,
        ["/admin/accounts"] = Policies.Admin,
        ["/admin/api-keys"] = Policies.Admin,
        ["/admin/outbox"] = Policies.Admin,
        ["/admin/outbox/{id}"] = Policies.Admin,
        ["/admin/webhooks"] = Policies.Admin,
        ["/admin/organisation"] = Policies.Admin,
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_page_route_asks_for_exactly_its_one_policy()
    {
        var actual = PageRoutes().ToDictionary(e => e.Route, e => Policy(e.Endpoint), StringComparer.Ordinal);

        Assert.Equal(Expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_every_page_but_the_public_ones()
    {
        using var client = fixture.Node.CreateClient();

        var wrong = new List<string>();
        foreach (var (route, policy) in Expected)
        {
            var path = Concrete(route);
            using var response = await client.GetAsync(path, Cancel);
            var sentToSignIn = response.StatusCode == HttpStatusCode.Redirect
                && response.RedirectTarget() == "/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(path);
            if (sentToSignIn == (policy == Anyone))
            {
                wrong.Add($"{path}: {(int)response.StatusCode} {response.RedirectTarget()}");
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(Roles.Executive)]
    [InlineData(Roles.QualityManager)]
    [InlineData(Roles.Admin)]
    public async Task Each_role_opens_the_pages_of_its_policies_and_is_denied_the_others(string role)
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(role);

        var wrong = new List<string>();
        foreach (var (route, policy) in Expected)
        {
            var path = Concrete(route);
            using var response = await client.GetAsync(path, Cancel);
            var denied = response.StatusCode == HttpStatusCode.Redirect
                && response.RedirectTarget()!.StartsWith("/account/denied", StringComparison.Ordinal);
            if (denied == Allows(role, policy) || response.RedirectTarget()?.StartsWith("/account/sign-in", StringComparison.Ordinal) == true)
            {
                wrong.Add($"{path}: {(int)response.StatusCode} {response.RedirectTarget()}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task A_one_time_password_opens_only_the_change_password_page_and_the_public_ones()
    {
        var account = await fixture.Node.CreateAccountAsync(Roles.Admin, mustChangePassword: true);
        using var client = fixture.Node.CreateClient();
        await client.SignInAsync(account.Email, account.Password);

        var wrong = new List<string>();
        foreach (var (route, policy) in Expected)
        {
            var path = Concrete(route);
            using var response = await client.GetAsync(path, Cancel);
            var sentToChange = response.StatusCode == HttpStatusCode.Redirect
                && response.RedirectTarget() == "/account/change-password?returnUrl=" + Uri.EscapeDataString(path);
            if (sentToChange == (policy is Anyone or Policies.ChangeOwnPassword))
            {
                wrong.Add($"{path}: {(int)response.StatusCode} {response.RedirectTarget()}");
            }
        }

        Assert.Empty(wrong);
    }

    private static bool Allows(string role, string policy) => policy switch
    {
        Policies.Admin => role == Roles.Admin,
        Policies.ManageSuppliersAndSurveys => role is Roles.QualityManager or Roles.Admin,
        _ => true,
    };

    /// <summary>"anyone", or the page's policy names joined: more than one name, or none, is a mistake.</summary>
    private static string Policy(RouteEndpoint page)
    {
        var policies = page.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(default policy)").ToList();
        var anyone = page.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        return anyone && policies.Count == 0 ? Anyone
            : anyone ? $"{Anyone} and {string.Join(", ", policies)}"
            : policies.Count == 0 ? "(none)"
            : string.Join(", ", policies);
    }

    private IEnumerable<(string Route, RouteEndpoint Endpoint)> PageRoutes() =>
        fixture.Node.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => ("/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'), e));

    /// <summary>A route with made-up values for its parameters: the page answers 404, after authorization.</summary>
    private static string Concrete(string pattern) =>
        RouteParameter().Replace(pattern, m => m.Groups[1].Value switch
        {
            var p when p.Contains(":int", StringComparison.Ordinal) => "404",
            var p when p.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            _ => "not-a-real-value",
        });

    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex RouteParameter();
}
