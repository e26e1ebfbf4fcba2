using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using SupplierQuality.Grains.Telemetry;

namespace SupplierQuality.Web.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>The standard OpenTelemetry variable; OTLP export is on only when it is set.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string ServiceNameKey = "OTEL_SERVICE_NAME";

    /// <summary>
    /// Metrics (the product's, Orleans', ASP.NET Core's, HttpClient's, the runtime's) and traces (requests, grain calls,
    /// outgoing HTTP) through OpenTelemetry; a Prometheus scrape on <see cref="TelemetryOptions.MetricsPort"/> when set;
    /// OTLP export when <see cref="OtlpEndpointKey"/> is set; and the trace id on every log line.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        var scrape = telemetry.MetricsPort != 0;

        // A log line written while a request or a grain call runs carries its trace and span ids: in the JSON
        // console output they are the first entry of "Scopes".
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);

        // Grain calls continue the caller's trace, so a grain's log lines name the request that caused them.
        builder.UseOrleans(silo => silo.AddActivityPropagation());

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r =>
            {
                // OTEL_SERVICE_NAME, when set, names the service instead.
                if (string.IsNullOrWhiteSpace(builder.Configuration[ServiceNameKey]))
                {
                    r.AddService("supplierquality");
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ProductMetrics.MeterName, "Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (scrape)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName, ActivitySources.StorageActivitySourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbeOrScrape(http, telemetry))
                    .AddHttpClientInstrumentation();
                // Spans are made even when nothing exports them: a grain call passes its caller's trace on only from
                // a span of its own, and a dropping sampler makes none under a local parent, so a grain's log lines
                // would name a new trace instead of the request's. Their cost is small beside a grain call.
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });

        if (scrape)
        {
            builder.Services.AddHostedService<MetricsServer>();
        }

        return builder;
    }

    /// <summary>Health probes and scrapes come every few seconds and would drown the traces worth reading.</summary>
    private static bool IsProbeOrScrape(HttpContext http, TelemetryOptions telemetry) =>
        http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || (telemetry.MetricsPort != 0 && http.Connection.LocalPort == telemetry.MetricsPort);
}
