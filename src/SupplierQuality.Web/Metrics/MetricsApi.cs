using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.CsvImports;

namespace SupplierQuality.Web.Metrics;

/// <summary>
/// One objective metric as API clients send it. The supplier is named by <see cref="ExternalId"/> (its key in the
/// ERP, as the supplier API takes it) or <see cref="SupplierId"/>; <see cref="Period"/> is a quarter like 2026-Q4;
/// <see cref="Direction"/> is higher or lower, and may be left out for on-time delivery % and defect PPM.
/// </summary>
internal sealed record MetricRequest(
    string? SupplierId,
    string? ExternalId,
    string? Period,
    string? Metric,
    double? Value,
    double? Target,
    string? Direction,
    double? Worst);

/// <summary>The body of <c>POST /api/metrics</c>.</summary>
internal sealed record MetricBatchRequest(IReadOnlyList<MetricRequest?>? Metrics);

/// <summary>
/// An applied (or still applying) batch, counted in metrics. <see cref="Failures"/> lists suppliers whose metrics could
/// not be written; everything else was.
/// </summary>
internal sealed record MetricImportResult(
    Guid? ImportId,
    MetricImportPhase Status,
    int Total,
    int Done,
    int Added,
    int Replaced,
    int Unchanged,
    IReadOnlyList<SupplierImportProblem> Failures)
{
    public static MetricImportResult From(Guid? id, MetricImportProgress progress) =>
        new(id, progress.Phase, progress.Total, progress.Done, progress.Added, progress.Replaced, progress.Unchanged, progress.Failures);
}

/// <summary>
/// <c>POST /api/metrics</c>: objective metrics from ERP and quality systems, the same rules and the same import as the
/// CSV page. Quality-manager and admin API keys only. A batch with any problem is refused whole with a message per
/// item and field; sending the same batch again changes nothing.
/// </summary>
internal static class MetricsApi
{
    public const int MaxBatch = 10_000;

    /// <summary>How long a request waits for its batch to be applied before answering 202 with a link to follow.</summary>
    public static readonly TimeSpan ApplyWait = TimeSpan.FromSeconds(30);

    public static RouteGroupBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/metrics")
            .WithTags("Metrics")
            .RequireAuthorization(Policies.ApiWrite);

        api.MapPost("/", ImportMetrics)
            .WithName("ImportMetrics")
            .WithSummary("Import objective metrics per supplier and quarter")
            .WithDescription(
                $"The body is {{\"metrics\": [...]}}, at most {MaxBatch:N0} items, each with externalId or supplierId, period (a quarter such as 2026-Q4), "
                + $"metric (its name: \"{MetricInput.OnTimeDelivery}\", \"{MetricInput.DefectPpm}\" or any other), value, target, direction (higher or lower; "
                + "may be left out for the two named metrics) and optionally worst (the value that scores 0). Each becomes a 0-100 score against its "
                + "target. A metric replaces the supplier's value of the same name and quarter; sending the same batch again changes nothing. A batch "
                + "with any problem answers 400 with a message per item and field (errors[\"metrics[3].target\"]) and writes nothing. The answer counts "
                + "what was added, replaced and unchanged (202 with a Location to follow when it takes longer than 30 seconds).");

        api.MapGet("/imports/{id:guid}", GetImport)
            .WithName("GetMetricImport")
            .WithSummary("Follow a metrics import that was still being applied");

        return api;
    }

    public static async Task<Results<Ok<MetricImportResult>, Accepted<MetricImportResult>, ValidationProblem>> ImportMetrics(
        IGrainFactory grains, TimeProvider time, LinkGenerator links, HttpContext http, MetricBatchRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Metrics is not { Count: > 0 } items)
        {
            return Refused(new Dictionary<string, string[]> { ["metrics"] = ["Send at least one metric in \"metrics\"."] });
        }

        if (items.Count > MaxBatch)
        {
            return Refused(new Dictionary<string, string[]> { ["metrics"] = [$"A batch holds at most {MaxBatch:N0} metrics; this one has {items.Count:N0}. Split it and send the parts one after the other."] });
        }

        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var entries = new List<MetricEntry>();
        for (var i = 0; i < items.Count; i++)
        {
            if (Entry(i, items[i], now, errors) is { } entry)
            {
                entries.Add(entry);
            }
        }

        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        var by = $"API key \"{http.User.FindFirstValue(ClaimTypes.Name)}\"";
        var preview = await MetricImporter.PreviewAsync(grains, entries, items.Count, [], null, by, field => field, http.RequestAborted);
        if (!preview.CanImport)
        {
            return Refused(preview.Errors
                .GroupBy(e => e.Line is { } index ? $"metrics[{index}]{(e.Column is { } field ? "." + field : "")}" : "metrics", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));
        }

        var plan = preview.Plan;
        if (plan.Changes.Count == 0)
        {
            return TypedResults.Ok(MetricImportResult.From(null, new MetricImportProgress(MetricImportPhase.Applied, 0, 0, 0, 0, plan.Unchanged, [])));
        }

        var id = await MetricImporter.StageAsync(grains, plan);
        var import = grains.GetGrain<IMetricImportGrain>(id);
        await import.ApplyAsync();
        var progress = await ImportWait.UntilAppliedAsync(import.GetProgressAsync, p => p.Phase == MetricImportPhase.Applied, ApplyWait, time, http.RequestAborted)
            ?? throw new InvalidOperationException($"The metric import {id} lost its plan while it was applied.");
        var result = MetricImportResult.From(id, progress);
        return progress.Phase == MetricImportPhase.Applied
            ? TypedResults.Ok(result)
            : TypedResults.Accepted(links.GetPathByName(http, "GetMetricImport", new { id }), result);
    }

    public static async Task<Results<Ok<MetricImportResult>, NotFound>> GetImport(IGrainFactory grains, Guid id) =>
        await grains.GetGrain<IMetricImportGrain>(id).GetProgressAsync() is { } progress
            ? TypedResults.Ok(MetricImportResult.From(id, progress))
            : TypedResults.NotFound();

    /// <summary>The item as an entry, or null with its problems added under <c>metrics[i].field</c>.</summary>
    private static MetricEntry? Entry(int index, MetricRequest? item, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (item is null)
        {
            errors[$"metrics[{index}]"] = ["Send each metric as an object."];
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        Guid? supplierId = null;
        if (!string.IsNullOrWhiteSpace(item.SupplierId))
        {
            if (Guid.TryParse(item.SupplierId, out var id))
            {
                supplierId = id;
            }
            else
            {
                fields["supplierId"] = "Not a supplier id: send the id the supplier API gives, or use externalId.";
            }
        }

        var externalId = string.IsNullOrWhiteSpace(item.ExternalId) ? null : item.ExternalId.Trim();
        if (SupplierInput.TextProblem(externalId) is { } problem)
        {
            fields["externalId"] = problem;
            externalId = null;
        }

        if (supplierId is null && externalId is null && fields.Count == 0)
        {
            fields["externalId"] = "Send whose metric this is: the supplier's externalId (its key in your ERP) or its supplierId.";
        }

        MetricQuarter? period = null;
        if (!string.IsNullOrWhiteSpace(item.Period))
        {
            if (MetricQuarter.TryParse(item.Period, out var quarter))
            {
                period = quarter;
            }
            else
            {
                fields["period"] = "Not a quarter: send the year and the quarter, such as 2026-Q4.";
            }
        }

        var metric = MetricInput.Create(item.Metric, period, item.Value, item.Target, item.Direction, item.Worst, now, fields);
        foreach (var (field, message) in fields)
        {
            errors[$"metrics[{index}].{field}"] = [message];
        }

        return metric is not null && fields.Count == 0 ? new MetricEntry(index, supplierId, externalId, metric) : null;
    }

    private static ValidationProblem Refused(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: $"The batch has {errors.Count} {(errors.Count == 1 ? "problem" : "problems")} (listed in errors, by item and field), so nothing was saved. Fix them and send the batch again.",
            title: "The metrics have errors.");
}
