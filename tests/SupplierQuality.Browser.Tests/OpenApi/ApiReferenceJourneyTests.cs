using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupplierQuality.Browser.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Browser.Tests.OpenApi;

/// <summary>
/// The Scalar API reference in a real browser: it renders the node's document under the page's Content-Security-Policy,
/// asks no other host for anything, and breaks no rule of the policy.
/// </summary>
public sealed class ApiReferenceJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_opens_the_API_reference_and_it_renders_from_the_node_alone()
    {
        await using var node = await TestNode.StartAsync();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var elsewhere = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url) is { Scheme: "http" or "https" } uri && uri.Authority != node.BaseAddress.Authority)
            {
                elsewhere.Add(request.Url);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(TestNode.AdminEmail);
        await page.GetByLabel("Password").FillAsync(TestNode.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/sign-in"));

        await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/api-reference/$"));
        // The document was fetched and rendered: its title, a tag, and the API key scheme's token field.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SupplierQuality API" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Suppliers", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Bearer Token" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{nameof(ApiReferenceJourneyTests)}-reference.png"),
        });

        Assert.Empty(elsewhere);
        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
