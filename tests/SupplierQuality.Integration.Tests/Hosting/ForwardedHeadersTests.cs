using System.Net;
using SupplierQuality.Integration.Tests.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Hosting;

/// <summary>
/// A node behind a TLS proxy. The proxy is a client connecting from a loopback address listed in
/// <c>Node:ForwardedHeaders</c>; anyone else connects from another loopback address and sends the same headers.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string PublicHost = "survey.example.com";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Survey_rate_limit_counts_each_client_behind_a_listed_proxy_and_ignores_forwarded_for_from_anyone_else()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            // One value separated by commas, as an environment variable gives it.
            ["Node:ForwardedHeaders:KnownProxies"] = "192.0.2.1, 127.0.0.41",
            ["Survey:RateLimit:PermitLimit"] = "2",
            ["Survey:RateLimit:Window"] = "00:10:00",
        });
        using var proxy = Browser("127.0.0.41");
        using var stranger = Browser("127.0.0.42");

        var first = await SurveyStatusesAsync(proxy, ["203.0.113.1", "203.0.113.1", "203.0.113.1"]);
        var second = await SurveyStatusesAsync(proxy, ["203.0.113.2"]);
        var forged = await SurveyStatusesAsync(stranger, ["203.0.113.10", "203.0.113.11", "203.0.113.12"]);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.NotFound], second);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], forged);

        HttpClient Browser(string from) => new(ClientAddress.HandlerFrom(from)) { BaseAddress = node.BaseAddress };
    }

    [Fact]
    public async Task Without_a_listed_proxy_forwarded_for_is_ignored_even_from_loopback()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Survey:RateLimit:PermitLimit"] = "2",
            ["Survey:RateLimit:Window"] = "00:10:00",
        });
        using var client = new HttpClient(ClientAddress.HandlerFrom("127.0.0.43")) { BaseAddress = node.BaseAddress };

        var statuses = await SurveyStatusesAsync(client, ["203.0.113.20", "203.0.113.21", "203.0.113.22"]);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Sign_in_limit_counts_each_client_behind_a_listed_proxy_network_and_ignores_forwarded_for_from_anyone_else()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Node:ForwardedHeaders:KnownNetworks:0"] = "127.0.0.44/30",
            ["Accounts:SignInLimit:PermitLimit"] = "2",
            ["Accounts:SignInLimit:Window"] = "00:10:00",
        });

        var first = await SignInStatusesAsync(node, "127.0.0.45", ["203.0.113.30", "203.0.113.30", "203.0.113.30"]);
        var second = await SignInStatusesAsync(node, "127.0.0.46", ["203.0.113.31"]);
        var forged = await SignInStatusesAsync(node, "127.0.0.49", ["203.0.113.32", "203.0.113.33", "203.0.113.34"]);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.OK], second);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], forged);
    }

    [Fact]
    public async Task Behind_a_listed_proxy_on_https_cookies_are_secure_hsts_is_sent_and_redirects_keep_the_public_scheme_and_host()
    {
        await using var node = await TestNode.StartAsync(Production(new() { ["Node:ForwardedHeaders:KnownProxies:0"] = "127.0.0.51" }));
        using var browser = BrowserBehindProxy(node, "127.0.0.51", "203.0.113.40", "https", PublicHost);

        using var challenge = await browser.GetAsync(new Uri("/suppliers", UriKind.Relative), Cancel);
        using var signIn = await browser.PostSignInAsync(TestNode.AdminEmail, TestNode.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal(new Uri($"https://{PublicHost}/account/sign-in?ReturnUrl=%2Fsuppliers"), challenge.Headers.Location);
        Assert.Equal("max-age=31536000", Hsts(challenge));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.False(signIn.Headers.Location!.IsAbsoluteUri, $"{signIn.Headers.Location} names a host");
        Assert.StartsWith("/", signIn.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Equal("max-age=31536000", Hsts(signIn));
        var session = Assert.Single(SetCookies(signIn), c => c.StartsWith("sq.session=", StringComparison.Ordinal));
        Assert.True(IsSecure(session), session);
    }

    [Fact]
    public async Task In_production_cookies_are_secure_even_on_plain_http_and_https_claimed_by_a_client_that_is_no_listed_proxy_gets_no_hsts()
    {
        await using var node = await TestNode.StartAsync(Production(new() { ["Node:ForwardedHeaders:KnownProxies:0"] = "127.0.0.52" }));
        using var plain = BrowserBehindProxy(node, "127.0.0.53", null, null, PublicHost);
        using var forged = BrowserBehindProxy(node, "127.0.0.53", "203.0.113.41", "https", PublicHost, hostHeader: PublicHost);

        using var overHttp = await plain.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel);
        using var claimed = await forged.GetAsync(new Uri("/suppliers", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
        Assert.All(SetCookies(overHttp), c => Assert.True(IsSecure(c), c));
        Assert.NotEmpty(SetCookies(overHttp));
        Assert.Null(Hsts(overHttp));
        Assert.Null(Hsts(claimed));
        Assert.Equal($"http://{PublicHost}/account/sign-in?ReturnUrl=%2Fsuppliers", claimed.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Outside_production_cookies_are_secure_when_a_listed_proxy_forwards_https_and_only_then()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?> { ["Node:ForwardedHeaders:KnownProxies:0"] = "127.0.0.54" });
        using var https = BrowserBehindProxy(node, "127.0.0.54", "203.0.113.42", "https", PublicHost);
        using var http = BrowserBehindProxy(node, "127.0.0.54", "203.0.113.42", "http", PublicHost);
        using var forged = BrowserBehindProxy(node, "127.0.0.55", "203.0.113.43", "https", PublicHost);

        var cookies = new List<(string Path, bool Secure, bool Hsts)>();
        foreach (var (name, client) in new[] { ("https", https), ("http", http), ("forged", forged) })
        {
            using var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel);
            var antiforgery = Assert.Single(SetCookies(page), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
            cookies.Add((name, IsSecure(antiforgery), Hsts(page) is not null));
        }

        Assert.Equal([("https", true, true), ("http", false, false), ("forged", false, false)], cookies);
    }

    [Fact]
    public async Task Development_sends_no_hsts_even_when_a_listed_proxy_forwards_https()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["environment"] = "Development",
            ["Node:ForwardedHeaders:KnownProxies:0"] = "127.0.0.56",
        });
        using var https = BrowserBehindProxy(node, "127.0.0.56", "203.0.113.44", "https", PublicHost);

        using var page = await https.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(Hsts(page));
        Assert.All(SetCookies(page), c => Assert.True(IsSecure(c), c));
    }

    [Fact]
    public async Task In_production_a_request_naming_another_host_gets_a_plain_400_and_no_location_while_health_probes_answer_any_host()
    {
        await using var node = await TestNode.StartAsync(Production([]));
        using var browser = BrowserBehindProxy(node, "127.0.0.57", null, null, PublicHost);
        var token = await browser.GetAntiforgeryTokenAsync("/account/sign-in");
        var answers = new List<string>();

        foreach (var host in new[] { "evil.example", PublicHost })
        {
            var name = host == PublicHost ? "good" : "evil";
            answers.Add($"{name} GET /suppliers: {await SendAsync(HttpMethod.Get, "/suppliers", host)}");
            answers.Add($"{name} GET /no-such-page: {await SendAsync(HttpMethod.Get, "/no-such-page", host)}");
            answers.Add($"{name} POST /account/sign-in: {await SendAsync(HttpMethod.Post, "/account/sign-in", host)}");
            answers.Add($"{name} GET /s/abc: {await SendAsync(HttpMethod.Get, "/s/abc", host)}");
        }

        answers.Add($"probe GET /health/live: {await SendAsync(HttpMethod.Get, "/health/live", "10.1.2.3:8080")}");

        Assert.Equal(
            [
                "evil GET /suppliers: 400 ",
                "evil GET /no-such-page: 400 ",
                "evil POST /account/sign-in: 400 ",
                "evil GET /s/abc: 400 ",
                $"good GET /suppliers: 302 http://{PublicHost}/account/sign-in?ReturnUrl=%2Fsuppliers",
                "good GET /no-such-page: 404 ",
                "good POST /account/sign-in: 302 /",
                "good GET /s/abc: 404 ",
                "probe GET /health/live: 200 ",
            ],
            answers);

        async Task<string> SendAsync(HttpMethod method, string path, string host)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Host = host;
            request.Headers.Accept.ParseAdd("text/html");
            if (method == HttpMethod.Post)
            {
                request.Content = new FormUrlEncodedContent([
                    new("Email", TestNode.AdminEmail), new("Password", TestNode.AdminPassword), new(NodeClientExtensions.AntiforgeryField, token)]);
            }

            return Describe(await browser.SendAsync(request, Cancel));
        }
    }

    [Fact]
    public async Task A_forwarded_host_that_is_not_allowed_never_reaches_a_location()
    {
        await using var node = await TestNode.StartAsync(Production(new() { ["Node:ForwardedHeaders:KnownProxies:0"] = "127.0.0.58" }));
        using var keepsHost = BrowserBehindProxy(node, "127.0.0.58", "203.0.113.45", "https", "evil.example", hostHeader: PublicHost);
        using var rewritesHost = BrowserBehindProxy(node, "127.0.0.58", "203.0.113.45", "https", "evil.example");
        using var forwardsHost = BrowserBehindProxy(node, "127.0.0.58", "203.0.113.45", "https", PublicHost);

        using var kept = await keepsHost.GetAsync(new Uri("/suppliers", UriKind.Relative), Cancel);
        using var rewritten = await rewritesHost.GetAsync(new Uri("/suppliers", UriKind.Relative), Cancel);
        using var forwarded = await forwardsHost.GetAsync(new Uri("/suppliers", UriKind.Relative), Cancel);

        Assert.Equal($"302 https://{PublicHost}/account/sign-in?ReturnUrl=%2Fsuppliers", Describe(kept));
        Assert.Equal("400 ", Describe(rewritten));
        Assert.Equal($"302 https://{PublicHost}/account/sign-in?ReturnUrl=%2Fsuppliers", Describe(forwarded));
    }

    [Fact]
    public async Task Production_serves_each_host_listed_in_allowed_hosts()
    {
        await using var node = await TestNode.StartAsync(Production(new() { ["AllowedHosts"] = $"{PublicHost};staff.example.com" }));
        using var staff = BrowserBehindProxy(node, "127.0.0.59", null, null, "staff.example.com");
        using var other = BrowserBehindProxy(node, "127.0.0.59", null, null, "other.example.com");

        using var allowed = await staff.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel);
        using var refused = await other.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest), (allowed.StatusCode, refused.StatusCode));
    }

    [Theory]
    [InlineData("KnownNetworks:0", "10.0.0.0", "not a network in CIDR notation")]
    [InlineData("KnownNetworks:0", "10.0.0.5/8", "write 10.0.0.0/8 for the whole network")]
    [InlineData("KnownNetworks:0", "0.0.0.0/0", "which is every address")]
    [InlineData("KnownNetworks", "10.0.0.0/8, ::/0", "which is every address")]
    [InlineData("KnownProxies:0", "proxy.internal", "which is not an IP address")]
    [InlineData("KnownProxies", "10", "which is not an IP address")]
    public async Task A_proxy_list_that_cannot_be_right_stops_the_node_at_start_and_names_the_entry(string key, string value, string message)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(new Dictionary<string, string?>
        {
            [$"Node:ForwardedHeaders:{key}"] = value,
        }));

        Assert.Contains($"Node:ForwardedHeaders:{key.Split(':')[0]} has '{value.Split(", ")[^1]}'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_framework_switch_that_believes_forwarded_headers_from_anyone_stops_the_node_at_start()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["ForwardedHeaders_Enabled"] = "true",
        }));

        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Node:ForwardedHeaders:KnownProxies", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>GETs a survey link once per forwarded client address, in order.</summary>
    private static async Task<List<HttpStatusCode>> SurveyStatusesAsync(HttpClient client, string[] forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/s/abc");
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request, Cancel);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    /// <summary>A failed sign-in (an unknown email) per forwarded client address, each from a new browser connecting from <paramref name="from"/>.</summary>
    private static async Task<List<HttpStatusCode>> SignInStatusesAsync(TestNode node, string from, string[] forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            using var client = node.CreateClientFrom(from);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
            using var response = await client.PostSignInAsync($"nobody-{Guid.NewGuid():N}@test.local", "some password guess");
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    /// <summary>
    /// A browser connecting from <paramref name="from"/> with these forwarded headers (null: not sent), and this Host
    /// header. Cookies are kept by hand: the test talks plain http, and a cookie jar would keep Secure cookies to itself.
    /// </summary>
    private static HttpClient BrowserBehindProxy(
        TestNode node, string from, string? forwardedFor, string? forwardedProto, string? forwardedHost, string? hostHeader = null)
    {
        var client = new HttpClient(new KeepAllCookies { InnerHandler = ClientAddress.HandlerFrom(from) }) { BaseAddress = node.BaseAddress };
        var headers = client.DefaultRequestHeaders;
        if (forwardedFor is not null)
        {
            headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        // Without forwarded headers the "proxy" is the browser itself, and the host it names is the Host header.
        if (forwardedFor is null && forwardedProto is null)
        {
            headers.Host = forwardedHost;
        }
        else if (forwardedHost is not null)
        {
            headers.Add("X-Forwarded-Host", forwardedHost);
        }

        if (hostHeader is not null)
        {
            headers.Host = hostHeader;
        }

        return client;
    }

    private static string Describe(HttpResponseMessage response)
    {
        using (response)
        {
            return $"{(int)response.StatusCode} {response.Headers.Location?.OriginalString}";
        }
    }

    private static string? Hsts(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Strict-Transport-Security", out var values) ? string.Join(", ", values) : null;

    private static List<string> SetCookies(HttpResponseMessage response) =>
        [.. response.Headers.TryGetValues("Set-Cookie", out var values) ? values : []];

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';').Skip(1).Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, string?> Production(Dictionary<string, string?> settings)
    {
        settings["environment"] = "Production";
        settings["Mail:Sender"] = "Outbox";
        settings["Campaigns:PublicBaseUrl"] = $"https://{PublicHost}";
        return settings;
    }

    /// <summary>Sends back every cookie it was given, Secure ones included, whatever the scheme.</summary>
    private sealed class KeepAllCookies : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = setCookie.Split(';')[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                _cookies[pair[..equals]] = pair[(equals + 1)..];
            }

            return response;
        }
    }
}
