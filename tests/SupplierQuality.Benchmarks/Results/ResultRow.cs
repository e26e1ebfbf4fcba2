namespace SupplierQuality.Benchmarks.Results;

/// <summary>
/// One line of the table: a measured cell, with what the node, the database server and this process spent on it.
/// Figures that do not apply are null (no node in the raw cells; the database's CPU is in the node for SQLite).
/// </summary>
/// <param name="Count">Operations done: inserts, invitations, flows, suppliers or requests.</param>
/// <param name="Seconds">Wall time of the cell.</param>
/// <param name="NodePeakMiB">The node's largest working set during the cell.</param>
/// <param name="CpuMsPerOperation">Node, database server and this process together, per operation.</param>
/// <param name="Passed">False when a check failed: something was lost, doubled or refused.</param>
/// <param name="Check">What was checked and found, in words.</param>
internal sealed record ResultRow(
    string Database,
    string Scenario,
    string Cell,
    long Count,
    double Seconds,
    double? PerSecond,
    double? P50Ms,
    double? P95Ms,
    double? P99Ms,
    double? NodePeakMiB,
    double? NodeCpuSeconds,
    double? DatabaseCpuSeconds,
    double ClientCpuSeconds,
    double? CpuMsPerOperation,
    bool Passed,
    string Check)
{
    /// <summary>Figures behind the line, for the JSON only: per-step latencies, the node's warnings, counters read back.</summary>
    public Dictionary<string, object?> Details { get; init; } = [];

    /// <summary>A line from a measured window: the rate and CPU per operation follow from the count.</summary>
    public static ResultRow From(
        string database, string scenario, string cell, long count, Usage usage, Latencies? latencies, bool passed, string check)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var seconds = usage.Elapsed.TotalSeconds;
        var cpu = (usage.NodeCpu ?? TimeSpan.Zero) + (usage.DatabaseCpu ?? TimeSpan.Zero) + usage.ClientCpu;
        return new ResultRow(
            database,
            scenario,
            cell,
            count,
            seconds,
            seconds > 0 ? count / seconds : null,
            latencies?.Percentile(50),
            latencies?.Percentile(95),
            latencies?.Percentile(99),
            usage.NodePeakBytes is { } peak ? peak / (1024.0 * 1024) : null,
            usage.NodeCpu?.TotalSeconds,
            usage.DatabaseCpu?.TotalSeconds,
            usage.ClientCpu.TotalSeconds,
            count > 0 ? cpu.TotalMilliseconds / count : null,
            passed,
            check)
        {
            Details = usage.Details(),
        };
    }

    /// <summary>A scenario that could not run to its end: the reason takes the check column.</summary>
    public static ResultRow Failed(string database, string scenario, string cell, string reason) =>
        new(database, scenario, cell, 0, 0, null, null, null, null, null, null, null, 0, null, false, "FAILED: " + reason);
}
