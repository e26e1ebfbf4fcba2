using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Accounts;

[Collection(AccountsNode.Collection)]
public sealed partial class AdminPagesTests(AccountsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TestNode Node => fixture.Node;

    [Fact]
    public async Task Admin_creates_an_account_whose_one_time_password_must_be_changed()
    {
        using var admin = await Node.CreateSignedInClientAsync(Roles.Admin);
        var email = $"new-{Guid.NewGuid():N}@test.local";

        using var created = await admin.PostFormAsync(
            "/admin/accounts?handler=Create",
            [new("NewEmail", email), new("NewDisplayName", "Nina New"), new("NewRole", Roles.Executive)]);
        var password = Code(await created.Content.ReadAsStringAsync(Cancel), "one-time-password");
        using var newcomer = Node.CreateClient();
        using var signIn = await newcomer.PostSignInAsync(email, password);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("/account/change-password", signIn.RedirectTarget(), StringComparison.Ordinal);
        var account = await Node.Grains.GetAccount(email).GetInfo();
        Assert.Equal(("Nina New", Roles.Executive, true), (account!.DisplayName, account.Role, account.MustChangePassword));
    }

    [Fact]
    public async Task Creating_an_existing_account_changes_nothing_and_says_so()
    {
        var existing = await Node.CreateAccountAsync(Roles.Executive);
        using var admin = await Node.CreateSignedInClientAsync(Roles.Admin);

        using var response = await admin.PostFormAsync(
            "/admin/accounts?handler=Create",
            [new("NewEmail", existing.Email), new("NewRole", Roles.Admin)]);

        Assert.Contains("There is already an account", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(Roles.Executive, (await Node.Grains.GetAccount(existing.Email).GetInfo())!.Role);
    }

    [Fact]
    public async Task Admin_changes_a_role_disables_and_enables_an_account()
    {
        var account = await Node.CreateAccountAsync(Roles.Executive);
        using var admin = await Node.CreateSignedInClientAsync(Roles.Admin);

        (await admin.PostFormAsync("/admin/accounts?handler=Role", [new("email", account.Email), new("role", Roles.QualityManager)])).Dispose();
        (await admin.PostFormAsync("/admin/accounts?handler=Disable", [new("email", account.Email)])).Dispose();
        var disabled = await Node.Grains.GetAccount(account.Email).GetInfo();
        (await admin.PostFormAsync("/admin/accounts?handler=Enable", [new("email", account.Email)])).Dispose();
        var enabled = await Node.Grains.GetAccount(account.Email).GetInfo();

        Assert.Equal((Roles.QualityManager, true), (disabled!.Role, disabled.Disabled));
        Assert.False(enabled!.Disabled);
    }

    [Fact]
    public async Task Admin_resets_a_password_and_the_old_one_stops_working()
    {
        var account = await Node.CreateAccountAsync(Roles.QualityManager);
        using var admin = await Node.CreateSignedInClientAsync(Roles.Admin);

        using var reset = await admin.PostFormAsync("/admin/accounts?handler=ResetPassword", [new("email", account.Email)]);
        var oneTime = Code(await reset.Content.ReadAsStringAsync(Cancel), "one-time-password");

        Assert.Equal(SignInStatus.Failed, (await Node.Grains.GetAccount(account.Email).SignIn(account.Password)).Status);
        Assert.True((await Node.Grains.GetAccount(account.Email).SignIn(oneTime)).Account!.MustChangePassword);
    }

    [Fact]
    public async Task Admin_cannot_disable_their_own_account()
    {
        var self = await Node.CreateAccountAsync(Roles.Admin);
        using var admin = Node.CreateClient();
        await admin.SignInAsync(self.Email, self.Password);

        using var response = await admin.PostFormAsync("/admin/accounts?handler=Disable", [new("email", self.Email)]);

        Assert.Contains("You cannot change your own account here", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False((await Node.Grains.GetAccount(self.Email).GetInfo())!.Disabled);
    }

    [Fact]
    public async Task Api_key_made_on_the_page_works_until_revoked_on_the_page()
    {
        using var admin = await Node.CreateSignedInClientAsync(Roles.Admin);
        var name = $"ERP {Guid.NewGuid():N}";

        using var created = await admin.PostFormAsync("/admin/api-keys?handler=Create", [new("NewName", name), new("NewRole", Roles.QualityManager)]);
        var key = Code(await created.Content.ReadAsStringAsync(Cancel), "api-key");
        using var integration = Node.CreateClient();
        integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var before = await integration.GetAsync("/api/accounts/me", Cancel);
        var id = ApiKeyToken.ShortId(ApiKeyToken.Hash(key));
        using var listed = await admin.GetAsync("/admin/api-keys", Cancel);
        using var revoked = await admin.PostFormAsync("/admin/api-keys?handler=Revoke", [new("id", id)]);
        using var after = await integration.GetAsync("/api/accounts/me", Cancel);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var listing = await listed.Content.ReadAsStringAsync(Cancel);
        Assert.Contains(id, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listing, StringComparison.Ordinal);
        Assert.Contains("Revoked the key", await revoked.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    /// <summary>The text of the element with this id (the pages show secrets in a <c>code</c> element).</summary>
    private static string Code(string html, string id)
    {
        var match = CodeElement().Match(html);
        Assert.True(match.Success && match.Groups["id"].Value == id, $"No <code id=\"{id}\"> on the page.");
        return WebUtility.HtmlDecode(match.Groups["text"].Value);
    }

    [GeneratedRegex("""<code id="(?<id>[^"]+)">(?<text>[^<]+)</code>""")]
    private static partial Regex CodeElement();
}
