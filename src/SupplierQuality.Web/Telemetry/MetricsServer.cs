using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace SupplierQuality.Web.Telemetry;

/// <summary>
/// The management port: a second, minimal Kestrel server in the node's process that answers <c>/metrics</c> (the
/// Prometheus text of the node's one <see cref="MeterProvider"/>) and 404 to anything else. Its own server rather than
/// one more address of the main one: a Kestrel address added in code replaces the configured URLs
/// (<c>ASPNETCORE_URLS</c>, <c>--urls</c>), and nothing of the web app (pages, API, sign-in) is reachable through
/// it, nor the metrics through the public port.
/// </summary>
internal sealed class MetricsServer(IOptions<TelemetryOptions> options, MeterProvider meters, ILoggerFactory logging) : IHostedService, IAsyncDisposable
{
    public const string Path = "/metrics";

    private WebApplication? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = options.Value.MetricsPort;
        var address = options.Value.ListenAddress();

        // Empty: no configuration sources, so the node's URLs and Kestrel settings do not leak into this server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(logging);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IHostLifetime, NodeOwnsLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            if (address is null)
            {
                kestrel.ListenAnyIP(port);
            }
            else
            {
                kestrel.Listen(address, port);
            }
        });

        var server = builder.Build();
        server.UseOpenTelemetryPrometheusScrapingEndpoint(meters, predicate: null, Path, configureBranchedPipeline: null, optionsName: null);
        _server = server;
        await server.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The node starts and stops this server; without this it would also answer Ctrl+C and SIGTERM on its own.</summary>
    private sealed class NodeOwnsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
