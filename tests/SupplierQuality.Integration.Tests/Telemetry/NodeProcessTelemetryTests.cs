using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Telemetry;

/// <summary>
/// A node in its own process, as it runs in production: its URLs from <c>ASPNETCORE_URLS</c>, its logs as JSON lines
/// on the console (read here from its output), and a management port for metrics.
/// </summary>
public sealed class TelemetryNodeProcess : IAsyncLifetime
{
    private NodeProcess? _node;

    public NodeProcess Node => _node ?? throw new InvalidOperationException("The node has not started.");

    public int MetricsPort { get; } = FreePort.Next();

    public async ValueTask InitializeAsync() => _node = await NodeProcess.StartAsync(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Memory",
        ["Accounts:InitialAdmin:Email"] = TestNode.AdminEmail,
        ["Accounts:InitialAdmin:Password"] = TestNode.AdminPassword,
        ["Telemetry:MetricsPort"] = MetricsPort.ToString(CultureInfo.InvariantCulture),

        // The request start and finish lines, so each request writes several.
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
    });

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

public sealed class NodeProcessTelemetryTests(TelemetryNodeProcess fixture) : IClassFixture<TelemetryNodeProcess>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_log_line_of_a_request_carries_the_requests_trace_id()
    {
        using var client = fixture.Node.CreateClient();
        var unknownPath = $"/no-such-page-{Guid.NewGuid():N}";
        string traceId;
        HttpStatusCode refused;

        // The caller's trace travels in the traceparent header HttpClient adds.
        using (var caller = Caller.Start())
        {
            traceId = caller.TraceId.ToHexString();
            using var body = new StringContent("[]");
            using var answer = await client.PostAsync(new Uri("/webhooks/sendgrid", UriKind.Relative), body, Cancel);
            refused = answer.StatusCode;
        }

        using var missing = await client.GetAsync(new Uri(unknownPath, UriKind.Relative), Cancel);

        // The webhook without a key logs a warning of its own between the framework's start and finish lines.
        Assert.Equal(HttpStatusCode.NotFound, refused);
        var webhookLines = await EventuallyAsync(
            () => Task.FromResult(LinesOf("/webhooks/sendgrid")), l => l.Count >= 3, "the webhook request's log lines");
        Assert.All(webhookLines, l => Assert.Equal(traceId, l.TraceId));
        Assert.Contains(webhookLines, l => l.Category.EndsWith("SendGridWebhookApi", StringComparison.Ordinal) && l.Level == "Warning");

        // A request that brought no trace gets one of its own, on each of its lines.
        var missingLines = await EventuallyAsync(() => Task.FromResult(LinesOf(unknownPath)), l => l.Count >= 2, "the unknown page's log lines");
        var ownTrace = missingLines[0].TraceId;
        Assert.Matches("^[0-9a-f]{32}$", ownTrace);
        Assert.NotEqual(traceId, ownTrace);
        Assert.All(missingLines, l => Assert.Equal(ownTrace, l.TraceId));
    }

    [Fact]
    public async Task A_grains_log_line_carries_the_trace_of_the_request_that_set_it_to_work()
    {
        using var admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = fixture.Node.BaseAddress,
        };
        await admin.SignInAsync(TestNode.AdminEmail, TestNode.AdminPassword);
        var tag = Guid.NewGuid().ToString("N")[..8];
        string traceId, importId;

        // The import grain logs its summary from work the confirming request started.
        using (var caller = Caller.Start())
        {
            traceId = caller.TraceId.ToHexString();
            var token = await admin.GetAntiforgeryTokenAsync("/suppliers/import");
            using var upload = new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.UTF8.GetBytes($"name,category\nTraced {tag},{tag}")), "Upload", "suppliers.csv" },
                { new StringContent(token), NodeClientExtensions.AntiforgeryField },
            };
            using var staged = await admin.PostAsync(new Uri("/suppliers/import", UriKind.Relative), upload, Cancel);
            var preview = staged.RedirectTarget()!;
            importId = preview.Split('/')[^1];
            using var confirmed = await admin.PostFormAsync(preview + "?handler=Confirm", [], preview);
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        var summary = await EventuallyAsync(
            () => Task.FromResult(fixture.Node.Output.Split('\n').Select(LogLine.Parse).FirstOrDefault(
                l => l is { Category: var c, Message: var m } && c.EndsWith("SupplierImportGrain", StringComparison.Ordinal) && m.Contains(importId, StringComparison.Ordinal))),
            l => l is not null,
            "the import grain's summary line");
        Assert.Equal(traceId, summary!.TraceId);
    }

    [Fact]
    public async Task A_node_process_serves_the_app_on_its_urls_and_metrics_only_on_the_management_port()
    {
        using var client = fixture.Node.CreateClient();
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.MetricsPort}") };

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Cancel);
        using var publicMetrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        using var scrape = await scraper.GetAsync(new Uri("/metrics", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = new PrometheusText(await scrape.Content.ReadAsStringAsync(Cancel));
        Assert.True(text.Has("http_server_request_duration_seconds"), text.Text);
        Assert.True(text.Has("orleans_"), text.Text);
    }

    /// <summary>The node's JSON log lines written within a request to <paramref name="path"/> (its RequestPath scope).</summary>
    private List<LogLine> LinesOf(string path)
    {
        var lines = new List<LogLine>();
        foreach (var line in fixture.Node.Output.Split('\n'))
        {
            if (LogLine.Parse(line) is { } parsed && parsed.RequestPath == path)
            {
                lines.Add(parsed);
            }
        }

        return lines;
    }

    private sealed record LogLine(string Category, string Level, string Message, string? TraceId, string? RequestPath)
    {
        /// <summary>One line of the JSON console formatter: scopes in "Scopes", the activity's ids first among them.</summary>
        public static LogLine? Parse(string line)
        {
            if (!line.StartsWith('{'))
            {
                return null;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                string? traceId = null, requestPath = null;
                if (root.TryGetProperty("Scopes", out var scopes))
                {
                    foreach (var scope in scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
                    {
                        traceId ??= scope.TryGetProperty(nameof(TraceId), out var t) ? t.GetString() : null;
                        requestPath ??= scope.TryGetProperty(nameof(RequestPath), out var p) ? p.GetString() : null;
                    }
                }

                return new LogLine(
                    root.GetProperty(nameof(Category)).GetString()!, root.GetProperty("LogLevel").GetString()!,
                    root.GetProperty(nameof(Message)).GetString()!, traceId, requestPath);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
