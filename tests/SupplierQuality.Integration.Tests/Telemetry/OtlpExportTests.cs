using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Telemetry;

public sealed class OtlpExportTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_an_OTLP_endpoint_set_the_node_exports_its_request_traces_and_its_metrics_there()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseUrl,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        using var client = node.CreateClient();
        using var caller = Caller.Start();

        using var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var traceBytes = Convert.FromHexString(caller.TraceId.ToHexString());
        await EventuallyAsync(
            () => Task.FromResult(collector.Received("/v1/traces")), posts => posts.Any(p => p.AsSpan().IndexOf(traceBytes) >= 0), "the request's span");
        await EventuallyAsync(() => Task.FromResult(collector.Received("/v1/metrics")), posts => posts.Count > 0, "a metrics export");
    }

    /// <summary>A loopback OTLP/HTTP receiver that keeps each protobuf body it is posted, by path.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _posts = new();

        private OtlpCollector(WebApplication app) => _app = app;

        public string BaseUrl => _app.Urls.Single();

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                collector._posts.Enqueue((context.Request.Path.Value!, body.ToArray()));
                context.Response.ContentType = "application/x-protobuf";
            });
            await app.StartAsync();
            return collector;
        }

        public List<byte[]> Received(string path) => [.. _posts.Where(p => p.Path == path).Select(p => p.Body)];

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
