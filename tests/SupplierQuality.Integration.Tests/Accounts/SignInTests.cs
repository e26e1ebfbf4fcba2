using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Accounts;

[Collection(AccountsNode.Collection)]
public sealed partial class SignInTests(AccountsNode fixture)
{
    private const string WrongCredentials = "The email or password is not correct.";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TestNode Node => fixture.Node;

    [Fact]
    public async Task Sign_in_sets_an_http_only_lax_session_cookie_and_redirects_to_the_return_url()
    {
        var account = await Node.CreateAccountAsync(Roles.Admin);
        using var client = Node.CreateClient();

        using var response = await client.PostFormAsync(
            "/account/sign-in?ReturnUrl=%2Fadmin%2Faccounts",
            [new("Email", account.Email.ToUpperInvariant()), new("Password", account.Password)],
            formPath: "/account/sign-in");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/accounts", response.RedirectTarget());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sq.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        using var page = await client.GetAsync("/admin/accounts", Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var account = await Node.CreateAccountAsync(Roles.Executive);
        using var client = Node.CreateClient();

        using var response = await client.PostFormAsync(
            "/account/sign-in?ReturnUrl=https%3A%2F%2Fevil.example%2F",
            [new("Email", account.Email), new("Password", account.Password)],
            formPath: "/account/sign-in");

        Assert.Equal("/", response.RedirectTarget());
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_page_after_the_same_delay()
    {
        var account = await Node.CreateAccountAsync(Roles.Executive);
        var unknownEmail = "nobody-" + account.Email;
        using var client = Node.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await SignInPageAsync(client, account.Email, "not the right password");
            await SignInPageAsync(client, unknownEmail, account.Password);
        }

        var (wrongPassword, wrongPasswordTook) = await TimedSignInPageAsync(client, account.Email, "not the right password");
        var (unknown, unknownTook) = await TimedSignInPageAsync(client, unknownEmail, account.Password);

        Assert.Contains(WrongCredentials, wrongPassword, StringComparison.Ordinal);
        Assert.Equal(WithoutVariableParts(wrongPassword, account.Email), WithoutVariableParts(unknown, unknownEmail));
        Assert.InRange(wrongPasswordTook, AccountsNode.FirstDelay, TimeSpan.MaxValue);
        Assert.InRange(unknownTook, AccountsNode.FirstDelay, TimeSpan.MaxValue);
    }

    [Fact]
    public async Task A_sign_in_without_email_or_password_links_each_field_from_the_error_summary_and_marks_it_invalid()
    {
        using var client = Node.CreateClient();

        using var response = await client.PostFormAsync("/account/sign-in", [new("Email", " "), new("Password", "")]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"error-summary-title\">There is a problem</h2>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Email\">Enter your email address.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Password\">Enter your password.</a>", page.Text, StringComparison.Ordinal);
        Assert.True(page.IsMarkedInvalid("Email"), page.Control("Email"));
        Assert.True(page.IsMarkedInvalid("Password"), page.Control("Password"));
        Assert.Matches("id=\"Password-error\"[^>]*>Enter your password.</span>", page.Text);
    }

    [Fact]
    public async Task A_wrong_password_is_linked_to_the_first_field_without_marking_either_field_invalid()
    {
        var account = await Node.CreateAccountAsync(Roles.Executive);
        using var client = Node.CreateClient();

        var page = new HtmlPage(await SignInPageAsync(client, account.Email, "not the right password"));

        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#Email\">{WrongCredentials}</a>", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-invalid", page.Text, StringComparison.Ordinal);
        Assert.Equal(account.Email, page.ValueOf("Email"));
        Assert.Null(page.ValueOf("Password"));
    }

    [Fact]
    public async Task A_password_change_with_no_current_password_and_a_short_new_one_links_each_field_and_changes_nothing()
    {
        var account = await Node.CreateAccountAsync(Roles.Executive);
        using var client = Node.CreateClient();
        await client.SignInAsync(account.Email, account.Password);

        using var response = await client.PostFormAsync(
            "/account/change-password",
            [new("CurrentPassword", ""), new("NewPassword", "short"), new("ConfirmPassword", "short")]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#CurrentPassword\">Enter your current password.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#NewPassword\">New password: Use at least {PasswordPolicy.MinLength} characters.</a>", page.Text, StringComparison.Ordinal);
        Assert.True(page.IsMarkedInvalid("CurrentPassword"), page.Control("CurrentPassword"));
        Assert.True(page.IsMarkedInvalid("NewPassword"), page.Control("NewPassword"));
        Assert.False(page.IsMarkedInvalid("ConfirmPassword"), page.Control("ConfirmPassword"));
        Assert.DoesNotContain("value=\"short\"", page.Text, StringComparison.Ordinal);
        Assert.Equal(SignInStatus.Succeeded, (await Node.Grains.GetAccount(account.Email).SignIn(account.Password)).Status);
    }

    [Fact]
    public async Task A_wrong_current_password_is_linked_to_its_field_and_changes_nothing()
    {
        var account = await Node.CreateAccountAsync(Roles.Executive);
        using var client = Node.CreateClient();
        await client.SignInAsync(account.Email, account.Password);

        using var response = await ChangePasswordAsync(client, "not the current password", "A-brand-new-password");
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<a href=\"#CurrentPassword\">The current password is not correct.</a>", page.Text, StringComparison.Ordinal);
        Assert.True(page.IsMarkedInvalid("CurrentPassword"), page.Control("CurrentPassword"));
        Assert.Equal(SignInStatus.Succeeded, (await Node.Grains.GetAccount(account.Email).SignIn(account.Password)).Status);
    }

    [Fact]
    public async Task Many_wrong_passwords_slow_the_owner_down_but_never_lock_them_out()
    {
        var account = await Node.CreateAccountAsync(Roles.Admin);
        using var stranger = Node.CreateClient();
        for (var i = 0; i < 8; i++)
        {
            var page = await SignInPageAsync(stranger, account.Email, "wrong password " + i);
            Assert.Contains(WrongCredentials, page, StringComparison.Ordinal);
            Assert.DoesNotContain("locked", page, StringComparison.OrdinalIgnoreCase);
        }

        using var owner = Node.CreateClient();
        await owner.GetAntiforgeryTokenAsync("/account/sign-in");
        var clock = Stopwatch.StartNew();
        using var signIn = await owner.PostSignInAsync(account.Email, account.Password);
        var took = clock.Elapsed;
        using var page2 = await owner.GetAsync("/admin/accounts", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.InRange(took, AccountsNode.MaxDelay, TimeSpan.MaxValue);
        Assert.Equal(HttpStatusCode.OK, page2.StatusCode);
    }

    [Fact]
    public async Task Disabled_account_gets_a_clear_message()
    {
        var account = await Node.CreateAccountAsync(Roles.QualityManager);
        await Node.Grains.GetAccount(account.Email).SetDisabled(true);
        using var client = Node.CreateClient();

        Assert.Contains("This account is disabled.", await SignInPageAsync(client, account.Email, account.Password), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/account/sign-out")]
    [InlineData("/account/change-password")]
    [InlineData("/admin/accounts?handler=Create")]
    [InlineData("/admin/api-keys?handler=Create")]
    public async Task Post_without_antiforgery_token_is_rejected_with_400(string path)
    {
        using var client = await Node.CreateSignedInClientAsync(Roles.Admin);
        using var content = new FormUrlEncodedContent([new("Email", TestNode.AdminEmail), new("Password", TestNode.AdminPassword), new("NewName", "x")]);

        using var response = await client.PostAsync(path, content, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sign_out_from_the_layout_form_ends_the_session_and_says_so()
    {
        using var client = await Node.CreateSignedInClientAsync(Roles.Admin);

        // The sign-out button lives in the layout of every page: take its token from the home page.
        using var signOut = await client.PostFormAsync("/account/sign-out", [], formPath: "/");
        using var confirmation = await client.GetAsync(signOut.RedirectTarget(), Cancel);
        using var after = await client.GetAsync("/admin/accounts", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Contains("You are signed out.", await confirmation.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        var account = await Node.CreateAccountAsync(Roles.Admin);
        using var browser = Node.CreateClient();
        using var signIn = await browser.PostSignInAsync(account.Email, account.Password);
        using var thief = Node.CreateClientWithCookie(signIn.SessionCookie());
        using var before = await thief.GetAsync("/admin/accounts", Cancel);

        (await browser.PostFormAsync("/account/sign-out", [], formPath: "/")).Dispose();
        using var after = await thief.GetAsync("/admin/accounts", Cancel);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_cookie_posting_sign_out_does_not_end_the_newer_sessions()
    {
        var account = await Node.CreateAccountAsync(Roles.Admin);
        using var stale = await SignedInAsync(account);
        await Node.Grains.GetAccount(account.Email).EndSessions();
        using var current = await SignedInAsync(account);

        // The stale cookie is nobody's now, so take a token from a page an anonymous visitor has a form on.
        using var staleSignOut = await stale.PostFormAsync("/account/sign-out", [], formPath: "/account/sign-in");
        using var stillIn = await current.GetAsync("/admin/accounts", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, staleSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_sessions_at_once()
    {
        var account = await Node.CreateAccountAsync(Roles.Admin);
        using var client = Node.CreateClient();
        await client.SignInAsync(account.Email, account.Password);
        using var first = await client.GetAsync("/admin/accounts", Cancel);

        await Node.Grains.GetAccount(account.Email).SetDisabled(true);
        using var response = await client.GetAsync("/admin/accounts", Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_change_ends_the_sessions_at_once()
    {
        var account = await Node.CreateAccountAsync(Roles.Admin);
        using var client = await SignedInAsync(account);
        using var first = await client.GetAsync("/admin/accounts", Cancel);

        await Node.Grains.GetAccount(account.Email).SetRole(Roles.QualityManager);
        using var response = await client.GetAsync("/suppliers", Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_old_cookies_but_not_this_session()
    {
        var account = await Node.CreateAccountAsync(Roles.Admin);
        using var laptop = Node.CreateClient();
        using var phone = Node.CreateClient();
        using var laptopSignIn = await laptop.PostSignInAsync(account.Email, account.Password);
        using var copiedFromLaptop = Node.CreateClientWithCookie(laptopSignIn.SessionCookie());
        await phone.SignInAsync(account.Email, account.Password);

        using var changed = await ChangePasswordAsync(laptop, account.Password, "A-brand-new-password");
        using var onLaptop = await laptop.GetAsync("/admin/accounts", Cancel);
        using var onPhone = await phone.GetAsync("/admin/accounts", Cancel);
        using var withTheCopy = await copiedFromLaptop.GetAsync("/admin/accounts", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onLaptop.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, onPhone.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withTheCopy.StatusCode);
    }

    [Fact]
    public async Task A_one_time_password_must_be_changed_before_anything_else()
    {
        var account = await Node.CreateAccountAsync(Roles.Admin, mustChangePassword: true);
        using var client = Node.CreateClient();

        using var signIn = await client.PostSignInAsync(account.Email, account.Password);
        using var elsewhere = await client.GetAsync("/admin/api-keys", Cancel);
        using var weak = await ChangePasswordAsync(client, account.Password, "short");
        using var changed = await ChangePasswordAsync(client, account.Password, "My-own-password-now", returnUrl: "/admin/api-keys");
        using var afterwards = await client.GetAsync("/admin/api-keys", Cancel);

        Assert.Equal("/account/change-password?returnUrl=%2F", signIn.RedirectTarget());
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Equal("/account/change-password?returnUrl=%2Fadmin%2Fapi-keys", elsewhere.RedirectTarget());
        Assert.Contains("Use at least 12 characters.", await weak.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal("/admin/api-keys", changed.RedirectTarget());
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    private static async Task<string> SignInPageAsync(HttpClient client, string email, string password) =>
        (await TimedSignInPageAsync(client, email, password)).Page;

    /// <summary>The page a failed sign-in answers, and how long the POST took (the form's GET is not counted).</summary>
    private static async Task<(string Page, TimeSpan Took)> TimedSignInPageAsync(HttpClient client, string email, string password)
    {
        var token = await client.GetAntiforgeryTokenAsync("/account/sign-in");
        using var content = new FormUrlEncodedContent(
            [new("Email", email), new("Password", password), new(NodeClientExtensions.AntiforgeryField, token)]);
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync("/account/sign-in", content, Cancel);
        var took = clock.Elapsed;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel)), took);
    }

    /// <summary>The page without what differs between any two answers: the email typed and the antiforgery token.</summary>
    private static string WithoutVariableParts(string page, string email) =>
        AntiforgeryValue().Replace(page.Replace(email, "EMAIL", StringComparison.Ordinal), "value=\"TOKEN\"");

    private async Task<HttpClient> SignedInAsync(TestAccount account)
    {
        var client = Node.CreateClient();
        await client.SignInAsync(account.Email, account.Password);
        return client;
    }

    [GeneratedRegex(@"(?<=name=""__RequestVerificationToken"" type=""hidden"" )value=""[^""]*""")]
    private static partial Regex AntiforgeryValue();

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next, string? returnUrl = null) =>
        client.PostFormAsync(
            "/account/change-password" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            [new("CurrentPassword", current), new("NewPassword", next), new("ConfirmPassword", next)],
            formPath: "/account/change-password");
}
