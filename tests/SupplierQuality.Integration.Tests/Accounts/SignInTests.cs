using System.Net;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Accounts;

[Collection(AccountsNode.Collection)]
public sealed class SignInTests(AccountsNode fixture)
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
    public async Task Wrong_password_and_unknown_email_give_the_same_message()
    {
        var account = await Node.CreateAccountAsync(Roles.Executive);
        using var client = Node.CreateClient();

        var wrongPassword = await SignInPageAsync(client, account.Email, "not the right password");
        var unknownEmail = await SignInPageAsync(client, "nobody-" + account.Email, account.Password);

        Assert.Contains(WrongCredentials, wrongPassword, StringComparison.Ordinal);
        Assert.Contains(WrongCredentials, unknownEmail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locked_out_after_five_wrong_passwords_with_a_clear_message()
    {
        var account = await Node.CreateAccountAsync(Roles.QualityManager);
        using var client = Node.CreateClient();
        for (var i = 0; i < PasswordPolicy.MaxFailedAttempts - 1; i++)
        {
            Assert.Contains(WrongCredentials, await SignInPageAsync(client, account.Email, "wrong password " + i), StringComparison.Ordinal);
        }

        var fifth = await SignInPageAsync(client, account.Email, "wrong password 4");
        var rightPasswordWhileLocked = await SignInPageAsync(client, account.Email, account.Password);

        Assert.Contains("locked after too many wrong passwords. Try again in 15 minutes.", fifth, StringComparison.Ordinal);
        Assert.Contains("locked after too many wrong passwords", rightPasswordWhileLocked, StringComparison.Ordinal);
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
    public async Task Sign_out_from_the_layout_form_ends_the_session()
    {
        using var client = await Node.CreateSignedInClientAsync(Roles.Admin);

        // The sign-out button lives in the layout of every page: take its token from the home page.
        using var signOut = await client.PostFormAsync("/account/sign-out", [], formPath: "/");
        using var after = await client.GetAsync("/admin/accounts", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_sessions()
    {
        var account = await Node.CreateAccountAsync(Roles.Admin);
        using var client = Node.CreateClient();
        await client.SignInAsync(account.Email, account.Password);

        await Node.Grains.GetAccount(account.Email).SetDisabled(true);
        using var response = await client.GetAsync("/admin/accounts", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_but_not_this_one()
    {
        var account = await Node.CreateAccountAsync(Roles.Admin);
        using var laptop = Node.CreateClient();
        using var phone = Node.CreateClient();
        await laptop.SignInAsync(account.Email, account.Password);
        await phone.SignInAsync(account.Email, account.Password);

        using var changed = await ChangePasswordAsync(laptop, account.Password, "A-brand-new-password");
        using var onLaptop = await laptop.GetAsync("/admin/accounts", Cancel);
        using var onPhone = await phone.GetAsync("/admin/accounts", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onLaptop.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, onPhone.StatusCode);
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

    private static async Task<string> SignInPageAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostSignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next, string? returnUrl = null) =>
        client.PostFormAsync(
            "/account/change-password" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            [new("CurrentPassword", current), new("NewPassword", next), new("ConfirmPassword", next)],
            formPath: "/account/change-password");
}
