using System.Net;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Storage;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Integration.Tests.Accounts;

/// <summary>Tests that start nodes of their own: the first admin and what survives a restart.</summary>
public sealed class NodeStartTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Development_node_without_a_configured_admin_creates_one_with_a_one_time_password()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["environment"] = "Development",
            ["Accounts:InitialAdmin:Email"] = null,
            ["Accounts:InitialAdmin:Password"] = null,
        });

        var admin = await node.Grains.GetAccount(AdminBootstrap.DevelopmentAdminEmail).GetInfo();

        Assert.Equal((Roles.Admin, true), (admin!.Role, admin.MustChangePassword));
        Assert.Null(await node.Grains.GetAccount(TestNode.AdminEmail).GetInfo());
    }

    [Theory]
    [InlineData("admin@test.local", "short")]
    [InlineData("not-an-email", "Long-enough-password")]
    [InlineData("admin@test.local", null)]
    public async Task Node_refuses_to_start_with_an_unusable_configured_admin(string email, string? password)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Accounts:InitialAdmin:Email"] = email,
            ["Accounts:InitialAdmin:Password"] = password,
        }));

        Assert.Contains("Accounts:InitialAdmin", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_keeps_sessions_and_does_not_reset_a_changed_admin_password()
    {
        using var database = new TemporarySqliteDatabase();
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = database.FilePath };
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        await using (var first = await TestNode.StartAsync(settings))
        {
            browser.BaseAddress = first.BaseAddress;
            await browser.SignInAsync(TestNode.AdminEmail, TestNode.AdminPassword);
            await first.Grains.GetAccount(TestNode.AdminEmail).ChangePassword(TestNode.AdminPassword, "Changed-admin-password");
            await browser.SignInAsync(TestNode.AdminEmail, "Changed-admin-password");
        }

        await using var second = await TestNode.StartAsync(settings);
        // The restarted node listens on another port; the cookie jar follows the host, not the port.
        using var page = await browser.GetAsync(new Uri(second.BaseAddress, "/admin/accounts"), Cancel);
        var signIn = await second.Grains.GetAccount(TestNode.AdminEmail).SignIn("Changed-admin-password");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SignInStatus.Succeeded, signIn.Status);
    }
}
