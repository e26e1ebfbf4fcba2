using System.Globalization;
using SupplierQuality.Benchmarks.Results;

namespace SupplierQuality.Benchmarks.Scenarios;

/// <summary>
/// Scenario 3: the whole supplier flow over HTTP (open the form from the email's link, post the answers with the
/// antiforgery token, follow the redirect to the submitted page) at each client count, each for --seconds; then the
/// campaign's submitted counter, read through the API, must equal the submits the node acknowledged.
/// </summary>
internal static class Flows
{
    /// <summary>
    /// The invitations kept back for the reads: answers must keep arriving while pages are read, and every supplier
    /// must have been answered once before.
    /// </summary>
    public static int ReservedForReads(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Runs("reads") ? Math.Max(options.Suppliers / 2, 1) : 0;
    }

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(NodeContext context, CampaignUnderTest campaign)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(campaign);
        var options = context.Options;
        var keep = ReservedForReads(options);
        var flows = campaign.Flows;
        var ledger = flows.Ledger;
        Progress.Say($"flow: {flows.Pool.Remaining - keep:N0} invitations to answer ({keep:N0} kept for the reads)");

        // The form's first request compiles its page; the client warms up too. Not measured.
        await flows.RunAsync("flow warm-up", 1, TimeSpan.FromSeconds(30), new FlowLimits(keep, MaxFlows: 10), default, context.Cancel);

        var rows = new List<ResultRow>();
        foreach (var clients in options.Clients)
        {
            var (failedBefore, unknownBefore) = (ledger.Failed + ledger.Incomplete, ledger.Unknown);
            var window = context.Meter.Begin();
            var run = await flows.RunAsync($"flow {clients} clients", clients, TimeSpan.FromSeconds(options.Seconds), new FlowLimits(keep), default, context.Cancel);
            var usage = await window.EndAsync();
            var (failed, unknown) = (ledger.Failed + ledger.Incomplete - failedBefore, ledger.Unknown - unknownBefore);
            var check = $"{failed + unknown:N0} failed";
            if (run.RanOut)
            {
                check += $"; invitations ran out after {usage.Elapsed.TotalSeconds:N0} s (raise --suppliers)";
            }

            var row = ResultRow.From(context.Database, "flow", $"{clients} clients", run.Completed, usage, run.Timings.Flow, failed + unknown == 0, check);
            if (context.RawPerSecond.TryGetValue(clients, out var raw) && row.PerSecond is { } perSecond)
            {
                row = row with { Check = row.Check + string.Create(CultureInfo.InvariantCulture, $"; {perSecond / raw:0.00}x raw inserts") };
            }

            foreach (var (key, value) in run.Timings.Details())
            {
                row.Details[key] = value;
            }

            rows.Add(row);
            Progress.Say($"flow {clients} clients: {row.Count:N0} flows, {row.PerSecond:N0}/s, p50 {row.P50Ms:N0} ms, p99 {row.P99Ms:N0} ms; {row.Check}");
        }

        rows.Add(await campaign.CheckSubmittedAsync(context, "flow"));
        return rows;
    }
}
