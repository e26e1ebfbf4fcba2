using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Integration.Tests.Hosting;

/// <summary>Every page route, signed in as an admin, carries the security headers and nothing the policy would block.</summary>
public sealed partial class SecurityHeadersTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_sends_the_security_headers_and_has_no_inline_script_or_style()
    {
        await using var node = await TestNode.StartAsync();
        using var client = node.CreateClient();
        await client.SignInAsync(TestNode.AdminEmail, TestNode.AdminPassword);
        var routes = node.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => Concrete(e.RoutePattern.RawText ?? "/"))
            .Distinct()
            .ToList();
        var problems = new List<string>();

        foreach (var route in routes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, route);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await client.SendAsync(request, Cancel);
            var headers = response.Headers;
            var csp = string.Join(' ', response.Headers.TryGetValues("Content-Security-Policy", out var v) ? v : []);
            var referrer = string.Join(' ', headers.TryGetValues("Referrer-Policy", out var r) ? r : []);
            if (!csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal) || !csp.Contains("script-src 'self';", StringComparison.Ordinal))
            {
                problems.Add($"{route}: Content-Security-Policy '{csp}'");
            }

            if (!headers.TryGetValues("X-Content-Type-Options", out var sniff) || !sniff.Contains("nosniff"))
            {
                problems.Add($"{route}: no nosniff");
            }

            var survey = route.StartsWith("/s/", StringComparison.Ordinal) || route.StartsWith("/u/", StringComparison.Ordinal);
            if (referrer != (survey ? "no-referrer" : "same-origin"))
            {
                problems.Add($"{route}: Referrer-Policy '{referrer}'");
            }

            if (headers.CacheControl?.NoStore != true)
            {
                problems.Add($"{route}: Cache-Control '{headers.CacheControl}'");
            }

            var html = await response.Content.ReadAsStringAsync(Cancel);
            if (response.StatusCode == HttpStatusCode.OK && !route.StartsWith("/admin/outbox", StringComparison.Ordinal)
                && (InlineScript().IsMatch(html) || InlineStyle().IsMatch(html)))
            {
                problems.Add($"{route}: inline script or style attribute, which the policy blocks");
            }
        }

        Assert.True(routes.Count > 20, $"Only {routes.Count} page routes found");
        Assert.Empty(problems);
    }

    [Fact]
    public void The_policy_allows_no_inline_script_and_no_framing()
    {
        Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    /// <summary>A route with made-up values for its parameters: pages answer 404 or a redirect, with headers all the same.</summary>
    private static string Concrete(string pattern) =>
        "/" + RouteParameter().Replace(pattern.TrimStart('/'), m => m.Groups[1].Value switch
        {
            var p when p.Contains(":int", StringComparison.Ordinal) => "404",
            var p when p.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            _ => "not-a-real-value",
        });

    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();
}
