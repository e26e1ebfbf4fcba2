using System.Net;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Accounts;

[Collection(AccountsNode.Collection)]
public sealed class PageAccessTests(AccountsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/admin/accounts")]
    [InlineData("/admin/api-keys")]
    [InlineData("/account/change-password")]
    public async Task Anonymous_visitor_is_sent_to_sign_in_and_back(string path)
    {
        using var client = fixture.Node.CreateClient();

        using var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(path), response.RedirectTarget());
    }

    [Theory]
    [InlineData(Roles.QualityManager, "/admin/accounts")]
    [InlineData(Roles.Executive, "/admin/accounts")]
    [InlineData(Roles.QualityManager, "/admin/api-keys")]
    public async Task Non_admin_on_an_admin_page_is_denied_with_403(string role, string path)
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(role);

        using var response = await client.GetAsync(path, Cancel);
        using var denied = await client.GetAsync(response.RedirectTarget(), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Access denied", await denied.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_initial_admin_signs_in_and_sees_the_admin_pages()
    {
        using var client = fixture.Node.CreateClient();
        await client.SignInAsync(TestNode.AdminEmail, TestNode.AdminPassword);

        using var accounts = await client.GetAsync("/admin/accounts", Cancel);
        using var keys = await client.GetAsync("/admin/api-keys", Cancel);

        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Contains(TestNode.AdminEmail, await accounts.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
