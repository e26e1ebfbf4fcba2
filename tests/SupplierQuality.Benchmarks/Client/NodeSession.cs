using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SupplierQuality.Benchmarks.Results;

namespace SupplierQuality.Benchmarks.Client;

/// <summary>What an import answered once applied: counts, failures and how long it took from the upload.</summary>
internal sealed record ImportOutcome(int Created, int Updated, int Unchanged, int Failures, TimeSpan Elapsed);

/// <summary>
/// The node as its users reach it: an admin signed in with the sign-in form (pages), and an integration calling the
/// REST API with a quality manager's key, made by that admin on the API keys page. Nothing here calls the node's code.
/// </summary>
internal sealed class NodeSession : IDisposable
{
    public const string AdminEmail = "bench-admin@bench.test";

    private NodeSession(Uri baseAddress, HttpClient browser, HttpClient api)
    {
        BaseAddress = baseAddress;
        Browser = browser;
        Api = api;
    }

    public Uri BaseAddress { get; }

    /// <summary>The admin's browser: a cookie jar with the session, no redirects followed.</summary>
    public HttpClient Browser { get; }

    /// <summary>An integration with a quality manager's API key (reads and writes).</summary>
    public HttpClient Api { get; }

    /// <summary>A password for the run's first admin (given to the node as Accounts:InitialAdmin).</summary>
    public static string NewPassword() => "Bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>
    /// An HTTP client as a browser (<paramref name="browser"/>: with a cookie jar) or an integration has one, behind the
    /// node's TLS proxy (<see cref="PublicProxy"/>); its own connections, no redirects followed.
    /// </summary>
    public static HttpClient Client(Uri baseAddress, bool browser = false, int connections = int.MaxValue)
    {
        HttpMessageHandler handler = browser
            ? new PublicProxy.CookieJar()
            : new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                MaxConnectionsPerServer = connections,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
        PublicProxy.Forward(client.DefaultRequestHeaders);
        return client;
    }

    public static async Task<NodeSession> SignInAsync(Uri baseAddress, string password, CancellationToken cancellationToken)
    {
        var browser = Client(baseAddress, browser: true);
        try
        {
            using (var signIn = await PostFormAsync(browser, "/account/sign-in", "/account/sign-in", [new("Email", AdminEmail), new("Password", password)], cancellationToken))
            {
                Expect(signIn, HttpStatusCode.Redirect, "signing in as the admin");
            }

            string key;
            using (var created = await PostFormAsync(browser, "/admin/api-keys", "/admin/api-keys?handler=Create", [new("NewName", "benchmark"), new("NewRole", "QualityManager")], cancellationToken))
            {
                Expect(created, HttpStatusCode.OK, "creating an API key");
                key = HtmlForm.ElementText(await created.Content.ReadAsStringAsync(cancellationToken), "api-key")
                    ?? throw new InvalidOperationException("The API keys page did not show the new key.");
            }

            var api = Client(baseAddress);
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return new NodeSession(baseAddress, browser, api);
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Saves the scorecard settings with the suppliers' own contacts weighed in (the default weighs only internal
    /// evaluators), so the answers of the run score the suppliers and fill the ranking.
    /// </summary>
    public async Task WeighSelfAssessmentAsync(CancellationToken cancellationToken)
    {
        const string path = "/admin/scorecard-settings";
        using var page = await Browser.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        Expect(page, HttpStatusCode.OK, "opening the scorecard settings");
        var fields = HtmlForm.Fields(await page.Content.ReadAsStringAsync(cancellationToken), "Form.Version")
            .Select(f => f.Key == "Form.SelfAssessmentWeight" ? new KeyValuePair<string, string>(f.Key, "100") : f)
            .ToList();
        using var content = new FormUrlEncodedContent(fields);
        using var saved = await Browser.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        Expect(saved, HttpStatusCode.Redirect, "saving the scorecard settings");
    }

    public async Task<JsonObject> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Api.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        Expect(response, HttpStatusCode.OK, $"GET {path}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
    }

    public async Task<JsonObject> SendJsonAsync(HttpMethod method, string path, object body, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        using var response = await Api.SendAsync(request, cancellationToken);
        Expect(response, expected, $"{method} {path}", await response.Content.ReadAsStringAsync(cancellationToken));
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
    }

    /// <summary>
    /// Uploads a CSV file to the import API and follows it until applied (a large import answers 202 with a link to
    /// follow), printing its progress.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(string csv, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        JsonObject result;
        Uri? follow;
        using (var response = await Api.PostAsync(new Uri("/api/suppliers/import", UriKind.Relative), content, limit.Token))
        {
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
            {
                Expect(response, HttpStatusCode.OK, $"importing {what}", await response.Content.ReadAsStringAsync(cancellationToken));
            }

            result = (await response.Content.ReadFromJsonAsync<JsonObject>(limit.Token))!;
            follow = response.StatusCode == HttpStatusCode.Accepted && response.Headers.Location is { } location ? PublicProxy.Local(location) : null;
        }

        if (follow is not null)
        {
            var last = (JsonObject?)null;
            await using (Progress.Every(TimeSpan.FromSeconds(5), () => $"import {what}: {Int(last, "done"):N0} of {Int(last, "total"):N0} written, {started.Elapsed.TotalSeconds:N0} s"))
            {
                while (!IsApplied(result))
                {
                    await Task.Delay(250, limit.Token);
                    result = last = await GetJsonAsync(follow.OriginalString, limit.Token);
                }
            }
        }

        return new ImportOutcome(Int(result, "created"), Int(result, "updated"), Int(result, "unchanged"), (result["failures"] as JsonArray)?.Count ?? 0, started.Elapsed);
    }

    public void Dispose()
    {
        Browser.Dispose();
        Api.Dispose();
    }

    public static int Int(JsonNode? node, string name) => node?[name]?.GetValue<int>() ?? 0;

    /// <summary>Throws with the status and body when an answer is not the expected one.</summary>
    public static void Expect(HttpResponseMessage response, HttpStatusCode expected, string what, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"{what}: expected {(int)expected}, got {(int)response.StatusCode} {response.Headers.Location}{(body is null ? "" : "\n" + body[..Math.Min(body.Length, 2000)])}");
        }
    }

    /// <summary>An import's status, whether the API writes its enum as a name or a number.</summary>
    private static bool IsApplied(JsonObject result) => result["status"]?.ToString() is "Applied" or "2";

    private static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient client, string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        using var page = await client.GetAsync(new Uri(formPage, UriKind.Relative), cancellationToken);
        Expect(page, HttpStatusCode.OK, $"opening {formPage}");
        var token = HtmlForm.Fields(await page.Content.ReadAsStringAsync(cancellationToken)).First(f => f.Key == HtmlForm.AntiforgeryField);
        using var content = new FormUrlEncodedContent([.. fields, token]);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content, cancellationToken);
    }
}
