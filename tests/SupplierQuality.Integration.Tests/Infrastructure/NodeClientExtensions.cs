using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Integration.Tests.Infrastructure;

/// <summary>An account made for one test, with its password in clear.</summary>
public sealed record TestAccount(string Email, string Password);

/// <summary>
/// Sign-in, forms and API keys the way a browser or an integration uses them. Pages check antiforgery tokens, so
/// a form POST first GETs the page that holds the form (the client's cookie jar keeps the antiforgery cookie).
/// </summary>
public static partial class NodeClientExtensions
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>The password every <see cref="CreateAccountAsync"/> account gets.</summary>
    public const string AccountPassword = "Test-Account-Password-1";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>GETs a page and returns the antiforgery token of its forms.</summary>
    public static async Task<string> GetAntiforgeryTokenAsync(this HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(path, Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}, not a page with a form.");
        }

        var match = AntiforgeryInput().Match(html);
        return match.Success
            ? WebUtility.HtmlDecode(match.Groups["token"].Value)
            : throw new InvalidOperationException($"GET {path} has no form with an antiforgery token.");
    }

    /// <summary>
    /// POSTs a form with the antiforgery token of the page at <paramref name="formPath"/> (default: the path
    /// without its query, so <c>/admin/accounts?handler=Create</c> takes the token from <c>/admin/accounts</c>).
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields, string? formPath = null)
    {
        var token = await client.GetAntiforgeryTokenAsync(formPath ?? path.Split('?')[0]);
        using var content = new FormUrlEncodedContent([.. fields, new(AntiforgeryField, token)]);
        return await client.PostAsync(path, content, Cancel);
    }

    /// <summary>Posts the sign-in form and returns the answer, whatever it is (302 on success, the form again on failure).</summary>
    public static Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string email, string password) =>
        client.PostFormAsync("/account/sign-in", [new("Email", email), new("Password", password)]);

    /// <summary>Signs in (the client keeps the session cookie); throws when sign-in fails.</summary>
    public static async Task SignInAsync(this HttpClient client, string email, string password)
    {
        using var response = await client.PostSignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        }
    }

    /// <summary>A new bearer key with this role (<see cref="Roles"/>), made through the grains as the admin page does.</summary>
    public static async Task<string> CreateApiKeyAsync(this TestNode node, string role, string name = "test key")
    {
        ArgumentNullException.ThrowIfNull(node);
        return (await ApiKeyIssuer.IssueAsync(node.Grains, name, role, TestNode.AdminEmail)).Key;
    }

    /// <summary>A client that calls the API with a new key of this role.</summary>
    public static async Task<HttpClient> CreateApiClientAsync(this TestNode node, string role)
    {
        ArgumentNullException.ThrowIfNull(node);
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await node.CreateApiKeyAsync(role));
        return client;
    }

    /// <summary>A new account with its own email and <see cref="AccountPassword"/>.</summary>
    public static async Task<TestAccount> CreateAccountAsync(this TestNode node, string role, bool mustChangePassword = false)
    {
        ArgumentNullException.ThrowIfNull(node);
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        await node.Grains.GetAccount(email).Create(new NewAccount("", role, AccountPassword, mustChangePassword));
        return new TestAccount(email, AccountPassword);
    }

    /// <summary>A client signed in as a new account of this role.</summary>
    public static async Task<HttpClient> CreateSignedInClientAsync(this TestNode node, string role)
    {
        var account = await node.CreateAccountAsync(role);
        var client = node.CreateClient();
        await client.SignInAsync(account.Email, account.Password);
        return client;
    }

    /// <summary>
    /// Where a redirect points, as path and query: the cookie handler sends absolute URLs, pages relative ones.
    /// </summary>
    public static string? RedirectTarget(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.Location is not { } location ? null
            : location.IsAbsoluteUri ? location.PathAndQuery
            : location.OriginalString;
    }

    [GeneratedRegex(@"<input[^>]*\bname=""__RequestVerificationToken""[^>]*\bvalue=""(?<token>[^""]*)""")]
    private static partial Regex AntiforgeryInput();
}
