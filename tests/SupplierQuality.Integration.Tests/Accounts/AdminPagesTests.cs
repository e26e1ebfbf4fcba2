using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

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
    public async Task The_accounts_page_says_next_to_the_role_choice_what_each_role_may_do()
    {
        using var admin = await Node.CreateSignedInClientAsync(Roles.Admin);

        var page = await HtmlPage.GetAsync(admin, "/admin/accounts");
        string MayDo(string role)
        {
            var row = Regex.Match(page.Text, $"<tr id=\"may-{role}\">\\s*<th scope=\"row\">([^<]*)</th>\\s*<td>([^<]*)</td>");
            Assert.True(row.Success, $"The page has no row for {role}.");
            return $"{row.Groups[1].Value}: {row.Groups[2].Value}";
        }

        Assert.Contains("<caption>What each role may do</caption>", page.Text, StringComparison.Ordinal);
        Assert.True(page.Text.IndexOf("id=\"NewRole\"", StringComparison.Ordinal) < page.Text.IndexOf("id=\"role-permissions\"", StringComparison.Ordinal));
        Assert.StartsWith("quality manager: Keeps the supplier list", MayDo(Roles.QualityManager), StringComparison.Ordinal);
        Assert.Contains("launches and steers survey campaigns", MayDo(Roles.QualityManager), StringComparison.Ordinal);
        Assert.Contains("Records no review decisions and manages no accounts.", MayDo(Roles.QualityManager), StringComparison.Ordinal);
        Assert.StartsWith("executive: Reads rankings, supplier scorecards", MayDo(Roles.Executive), StringComparison.Ordinal);
        Assert.Contains("records a decision per supplier", MayDo(Roles.Executive), StringComparison.Ordinal);
        Assert.Contains("Changes no suppliers, questionnaires or campaigns.", MayDo(Roles.Executive), StringComparison.Ordinal);
        Assert.StartsWith("admin: Everything a quality manager and an executive may do", MayDo(Roles.Admin), StringComparison.Ordinal);
        Assert.Contains("accounts, API keys", MayDo(Roles.Admin), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_existing_account_changes_nothing_and_says_so()
    {
        var existing = await Node.CreateAccountAsync(Roles.Executive);
        using var admin = await Node.CreateSignedInClientAsync(Roles.Admin);

        using var response = await admin.PostFormAsync(
            "/admin/accounts?handler=Create",
            [new("NewEmail", existing.Email), new("NewRole", Roles.Admin)]);

        var page = await HtmlPage.ReadAsync(response);
        Assert.Contains($"<a href=\"#NewEmail\">There is already an account for {existing.Email}.</a>", page.Text, StringComparison.Ordinal);
        Assert.True(page.IsMarkedInvalid("NewEmail"), page.Control("NewEmail"));
        Assert.Equal(Roles.Executive, (await Node.Grains.GetAccount(existing.Email).GetInfo())!.Role);
    }

    [Fact]
    public async Task An_account_with_a_bad_email_a_long_name_and_no_role_links_each_field_from_the_error_summary_and_is_not_made()
    {
        using var admin = await Node.CreateSignedInClientAsync(Roles.Admin);
        var before = (await Node.Grains.GetAccountDirectory().List()).Count;

        using var response = await admin.PostFormAsync(
            "/admin/accounts?handler=Create",
            [new("NewEmail", "nina-at-example"), new("NewDisplayName", new string('n', 101)), new("NewRole", "owner")]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#NewEmail\">Enter an email address like name@example.com.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#NewDisplayName\">A display name has at most 100 characters.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#NewRole\">Choose a role.</a>", page.Text, StringComparison.Ordinal);
        Assert.All(["NewEmail", "NewDisplayName", "NewRole"], id => Assert.True(page.IsMarkedInvalid(id), page.Control(id)));
        Assert.Equal("nina-at-example", page.ValueOf("NewEmail"));
        Assert.DoesNotContain("one-time-password", page.Text, StringComparison.Ordinal);
        Assert.Equal(before, (await Node.Grains.GetAccountDirectory().List()).Count);
    }

    [Fact]
    public async Task A_role_change_for_an_account_that_does_not_exist_is_a_page_error_not_a_failure()
    {
        using var admin = await Node.CreateSignedInClientAsync(Roles.Admin);

        using var response = await admin.PostFormAsync("/admin/accounts?handler=Role", [new("email", "<nobody>"), new("role", Roles.Admin)]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Matches("<div class=\"error-summary\"[^>]*>\\s*<h2 id=\"error-summary-title\">There is a problem</h2>\\s*<ul>\\s*<li>\\s*No such account.\\s*</li>", page.Text);
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

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("A name longer than the hundred characters a key name may have, which no integration needs to tell itself apart")]
    public async Task An_api_key_without_a_fitting_name_links_the_name_field_from_the_error_summary_and_is_not_made(string name)
    {
        using var admin = await Node.CreateSignedInClientAsync(Roles.Admin);
        var before = (await Node.Grains.GetApiKeyDirectory().List()).Count;

        using var response = await admin.PostFormAsync("/admin/api-keys?handler=Create", [new("NewName", name), new("NewRole", Roles.QualityManager)]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"#NewName\">Name the key (1 to 100 characters), e.g. after the system that will use it.</a>", page.Text, StringComparison.Ordinal);
        Assert.True(page.IsMarkedInvalid("NewName"), page.Control("NewName"));
        Assert.False(page.IsMarkedInvalid("NewRole"), page.Control("NewRole"));
        Assert.Contains($"<option value=\"{Roles.QualityManager}\" selected=\"selected\">", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"api-key\"", page.Text, StringComparison.Ordinal);
        Assert.Equal(before, (await Node.Grains.GetApiKeyDirectory().List()).Count);
    }

    [Fact]
    public async Task An_api_key_with_an_unknown_role_links_the_role_field_from_the_error_summary()
    {
        using var admin = await Node.CreateSignedInClientAsync(Roles.Admin);

        using var response = await admin.PostFormAsync("/admin/api-keys?handler=Create", [new("NewName", "ERP"), new("NewRole", "superuser")]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<a href=\"#NewRole\">Choose a role.</a>", page.Text, StringComparison.Ordinal);
        Assert.True(page.IsMarkedInvalid("NewRole"), page.Control("NewRole"));
        Assert.Equal("ERP", page.ValueOf("NewName"));
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
