using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Accounts;

[Collection(AccountsNode.Collection)]
public sealed class ApiKeyTests(AccountsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TestNode Node => fixture.Node;

    [Fact]
    public async Task Api_key_is_accepted_and_says_who_is_calling()
    {
        using var client = Node.CreateClient();
        var key = await Node.CreateApiKeyAsync(Roles.Executive, name: "BI export");

        using var response = await SendAsync(client, "/api/accounts/me", "Bearer " + key);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("BI export", (string?)body!["name"]);
        Assert.Equal(Roles.Executive, (string?)body["role"]);
        Assert.Equal(ApiKeyToken.ShortId(ApiKeyToken.Hash(key)), (string?)body["id"]);
    }

    [Fact]
    public async Task Revoked_key_is_refused_at_once()
    {
        using var client = Node.CreateClient();
        var key = await Node.CreateApiKeyAsync(Roles.QualityManager);
        using var before = await SendAsync(client, "/api/accounts/me", "Bearer " + key);

        await Node.Grains.GetApiKey(ApiKeyToken.Hash(key)).Revoke(TestNode.AdminEmail);
        using var after = await SendAsync(client, "/api/accounts/me", "Bearer " + key);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", after.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Call_without_a_key_gets_401_with_a_bearer_challenge()
    {
        using var client = Node.CreateClient();

        using var response = await SendAsync(client, "/api/accounts/me", authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-key")]
    [InlineData("Basic YWRtaW46cGFzc3dvcmQ=")]
    [InlineData("Bearer sq_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Malformed_or_unknown_key_gets_401(string authorization)
    {
        using var client = Node.CreateClient();

        using var response = await SendAsync(client, "/api/accounts/me", authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executive_key_cannot_write()
    {
        using var client = await Node.CreateApiClientAsync(Roles.Executive);

        using var response = await client.PostAsJsonAsync("/api/suppliers", new { name = "Acme" }, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.QualityManager, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Executive, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    public async Task Only_admin_keys_list_accounts(string role, HttpStatusCode expected)
    {
        using var client = await Node.CreateApiClientAsync(role);

        using var response = await client.GetAsync("/api/accounts", Cancel);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Sign_in_cookie_alone_does_not_authenticate_an_api_call()
    {
        using var client = Node.CreateClient();
        await client.SignInAsync(TestNode.AdminEmail, TestNode.AdminPassword);

        using var me = await client.GetAsync("/api/accounts/me", Cancel);
        using var write = await client.PostAsJsonAsync("/api/suppliers", new { name = "Acme" }, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request, Cancel);
    }
}
