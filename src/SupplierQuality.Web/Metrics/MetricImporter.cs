using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Metrics;

/// <summary>
/// What reading a batch of metrics and comparing it with the suppliers' scorecards found: the plan that confirming
/// would apply, and the problems that stop it (then nothing is written).
/// </summary>
public sealed record MetricImportPreview(MetricImportPlan Plan, IReadOnlyList<SupplierImportProblem> Errors)
{
    public bool CanImport => Errors.Count == 0;
}

/// <summary>The metrics import as the page and the API share it: preview (reads only), stage, wait for the result.</summary>
internal static class MetricImporter
{
    /// <summary>Scorecards read at once while comparing.</summary>
    private const int ReadParallelism = 32;

    /// <summary>
    /// Finds each entry's supplier (by supplier id, or by external id, from which the supplier import derives the id)
    /// and decides, per entry, add, replace or unchanged against the supplier's stored metrics. Writes nothing.
    /// <paramref name="column"/> names a field (<c>externalId</c>, <c>supplierId</c>, <c>metric</c>, <c>period</c>) in
    /// the problems, as the file's heading or the API's property.
    /// </summary>
    public static async Task<MetricImportPreview> PreviewAsync(
        IGrainFactory grains,
        IReadOnlyList<MetricEntry> entries,
        int rows,
        IReadOnlyList<SupplierImportProblem> readErrors,
        string? fileName,
        string importedBy,
        Func<string, string> column,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(column);
        var errors = new List<SupplierImportProblem>(readErrors);
        if (entries.Count == 0)
        {
            return new MetricImportPreview(new MetricImportPlan(fileName, rows, 0, [], importedBy), errors);
        }

        // The whole directory, once: a query per row would be a call to every shard per row.
        var suppliers = (await grains.QuerySuppliersAsync(SupplierFilter.Everyone)).First.ToDictionary(e => e.Id);

        var resolved = new List<(MetricEntry Entry, SupplierDirectoryEntry Supplier)>();
        var slots = new Dictionary<(Guid, MetricQuarter, string), int>();
        foreach (var entry in entries)
        {
            var byExternal = entry.ExternalId is { } externalId ? SupplierIds.FromExternalId(externalId) : (Guid?)null;
            if (byExternal is { } a && entry.SupplierId is { } b && a != b)
            {
                errors.Add(new SupplierImportProblem(entry.Line, column("supplierId"), $"The supplier_id and the external_id \"{entry.ExternalId}\" name two different suppliers. Give one of them."));
                continue;
            }

            var id = entry.SupplierId ?? byExternal!.Value;
            if (!suppliers.TryGetValue(id, out var supplier))
            {
                errors.Add(entry.SupplierId is null
                    ? new SupplierImportProblem(entry.Line, column("externalId"), $"No saved supplier has the external id \"{entry.ExternalId}\". Import or add the supplier first, or check the spelling (external ids are case-sensitive).")
                    : new SupplierImportProblem(entry.Line, column("supplierId"), $"No saved supplier has the id {id}."));
                continue;
            }

            var slot = (id, entry.Metric.Period, MetricInput.Key(entry.Metric.Name));
            if (!slots.TryAdd(slot, entry.Line))
            {
                errors.Add(new SupplierImportProblem(entry.Line, column("metric"), $"Line {slots[slot]} already gives {entry.Metric.Name} of \"{supplier.Name}\" in {entry.Metric.Period}. Keep one of the two."));
                continue;
            }

            resolved.Add((entry, supplier));
        }

        var ids = resolved.Select(r => r.Supplier.Id).Distinct().ToList();
        var stored = new Dictionary<Guid, IReadOnlyList<StoredMetric>>();
        var reads = new IReadOnlyList<StoredMetric>[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (i, _) => reads[i] = await grains.GetSupplierScorecard(ids[i]).GetMetricsAsync());
        for (var i = 0; i < ids.Count; i++)
        {
            stored[ids[i]] = reads[i];
        }

        var changes = new List<MetricImportChange>();
        var unchanged = 0;
        foreach (var (entry, supplier) in resolved)
        {
            var current = stored[supplier.Id].Select(s => s.Metric).FirstOrDefault(m => m.SameSlot(entry.Metric));
            if (current == entry.Metric)
            {
                unchanged++;
            }
            else
            {
                changes.Add(new MetricImportChange(
                    entry.Line, supplier.Id, supplier.Name, current is null ? MetricImportAction.Add : MetricImportAction.Replace, entry.Metric, current));
            }
        }

        // The scorecard refuses a quarter with too many metrics; say so here, at the row that goes past the limit.
        foreach (var group in changes.Where(c => c.Action == MetricImportAction.Add).GroupBy(c => (c.SupplierId, c.Metric.Period)))
        {
            var already = stored[group.Key.SupplierId].Count(s => s.Metric.Period == group.Key.Period);
            var over = group.OrderBy(c => c.Line).Skip(Math.Max(0, MetricInput.MaxPerQuarter - already)).FirstOrDefault();
            if (over is not null)
            {
                errors.Add(new SupplierImportProblem(
                    over.Line, column("metric"), $"\"{over.SupplierName}\" would have {already + group.Count()} metrics in {over.Metric.Period}; a supplier can have at most {MetricInput.MaxPerQuarter} a quarter."));
            }
        }

        var plan = new MetricImportPlan(fileName, rows, unchanged, [.. changes.OrderBy(c => c.Line)], importedBy);
        return new MetricImportPreview(plan, [.. errors.OrderBy(e => e.Line ?? 0)]);
    }

    /// <summary>Keeps the plan in a new import grain until someone confirms it; returns the import's id.</summary>
    public static async Task<Guid> StageAsync(IGrainFactory grains, MetricImportPlan plan)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var id = Guid.NewGuid();
        if (!await grains.GetGrain<IMetricImportGrain>(id).StageAsync(plan))
        {
            throw new InvalidOperationException($"The new metric import {id} already held a plan.");
        }

        return id;
    }
}
