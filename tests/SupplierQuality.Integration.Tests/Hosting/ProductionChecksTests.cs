using System.Net;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Hosting;

public sealed class ProductionChecksTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Production_without_mail_configured_refuses_to_start_and_says_what_to_set()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(Production(new()
        {
            ["Campaigns:PublicBaseUrl"] = "https://survey.example.com",
        })));

        Assert.Contains("Mail:Sender=Outbox", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("SendGrid:ApiKey", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://survey.example.com")]
    [InlineData("https://localhost:5080")]
    [InlineData("https://127.0.0.1")]
    public async Task Production_refuses_a_public_base_url_that_is_not_https_or_is_this_machine(string baseUrl)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(Production(new()
        {
            ["Mail:Sender"] = "Outbox",
            ["Campaigns:PublicBaseUrl"] = baseUrl,
        })));

        Assert.Contains("Campaigns:PublicBaseUrl", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*", "which answers any Host header")]
    [InlineData("other.example.com;*.example.org", "without survey.example.com, the host of Campaigns:PublicBaseUrl")]
    public async Task Production_refuses_allowed_hosts_that_answer_any_host_or_leave_out_the_public_base_url(string allowedHosts, string message)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(Production(new()
        {
            ["Mail:Sender"] = "Outbox",
            ["Campaigns:PublicBaseUrl"] = "https://survey.example.com",
            ["AllowedHosts"] = allowedHosts,
        })));

        Assert.Contains($"AllowedHosts is '{allowedHosts}'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_starts_with_the_outbox_chosen_explicitly_and_an_https_address()
    {
        await using var node = await TestNode.StartAsync(Production(new()
        {
            ["Mail:Sender"] = "Outbox",
            ["Campaigns:PublicBaseUrl"] = "https://survey.example.com",
        }));
        using var client = node.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_shows_a_browser_a_page_and_gives_other_clients_problem_details()
    {
        await using var node = await TestNode.StartAsync();
        using var client = node.CreateClient();

        using var page = await GetAsync(client, "/no-such-page", "text/html,application/xhtml+xml");
        using var json = await GetAsync(client, "/no-such-page", "application/json");
        using var api = await GetAsync(client, "/api/no-such-thing", "text/html");

        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (page.StatusCode, page.Content.Headers.ContentType?.MediaType));
        Assert.Contains("<h1>Page not found</h1>", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (json.StatusCode, json.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.NotEqual("text/html", api.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request, Cancel);
    }

    private static Dictionary<string, string?> Production(Dictionary<string, string?> settings)
    {
        settings["environment"] = "Production";
        return settings;
    }
}
