using System.Net;
using SupplierQuality.Benchmarks.Client;
using SupplierQuality.Benchmarks.Databases;
using SupplierQuality.Benchmarks.Node;
using SupplierQuality.Benchmarks.Results;
using SupplierQuality.Email.Tests.SendGridServer;

namespace SupplierQuality.Benchmarks.Scenarios;

/// <summary>
/// Every chosen scenario on one database, in the order: raw inserts first (nothing else running), then one
/// node started fresh on an empty database for launch, flow, import and reads. Whatever happens, the node is stopped
/// and the database removed.
/// </summary>
internal static class DatabaseRun
{
    public static async Task RunAsync(string kind, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        await using var database = await DatabaseTarget.StartAsync(kind, options, cancellationToken);
        if (database is null)
        {
            report.Note($"{kind}: skipped, no server.");
            return;
        }

        var raw = new Dictionary<int, double>();
        if (options.Runs("raw"))
        {
            await Guarded(report, database.Name, "raw", async () =>
            {
                var rows = await RawInserts.RunAsync(database, options, cancellationToken);
                report.AddRange(rows);
                foreach (var (connections, row) in options.Connections.Zip(rows))
                {
                    raw[connections] = row.PerSecond ?? 0;
                }
            }, cancellationToken);
        }

        if (options.Runs("provider"))
        {
            await Guarded(report, database.Name, "provider", async () => report.AddRange(await ProviderComparison.RunAsync(database, options, cancellationToken)), cancellationToken);
        }

        if (options.NeedsNode)
        {
            await Guarded(report, database.Name, "node", () => RunNodeAsync(database, options, report, raw, cancellationToken), cancellationToken);
        }
    }

    private static async Task RunNodeAsync(
        DatabaseTarget database, BenchmarkOptions options, Report report, IReadOnlyDictionary<int, double> raw, CancellationToken cancellationToken)
    {
        await using var sendGrid = await SendGridLoopbackServer.StartAsync();
        var password = NodeSession.NewPassword();
        var settings = new Dictionary<string, string?>(database.NodeSettings, StringComparer.OrdinalIgnoreCase)
        {
            ["Accounts:InitialAdmin:Email"] = NodeSession.AdminEmail,
            ["Accounts:InitialAdmin:Password"] = password,
            ["Mail:Sender"] = "SendGrid",
            ["SendGrid:ApiKey"] = sendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["SendGrid:FromEmail"] = "surveys@bench.test",
        };
        foreach (var (key, value) in PublicProxy.NodeSettings.Concat(options.NodeSettings))
        {
            settings[key] = value;
        }

        Directory.CreateDirectory(options.Results);
        var log = Path.Combine(options.Results, $"node-{database.Name.ToLowerInvariant()}.log");
        await using var node = await BenchNode.StartAsync(options.NodeAssembly, settings, log, cancellationToken);
        report.Note($"{database.Name}: the node's log is {Path.GetFullPath(log)}");
        using var session = await NodeSession.SignInAsync(node.BaseAddress, password, cancellationToken);
        var context = new NodeContext(database.Name, options, session, new ResourceMeter(node, database.ServerCpu), sendGrid, raw, cancellationToken);

        CampaignUnderTest? campaign = null;
        if (options.Runs("launch") || options.Runs("flow") || options.Runs("reads"))
        {
            await Guarded(report, database.Name, "launch", async () =>
            {
                (var row, campaign) = await Launch.RunAsync(context);
                report.Add(row);
            }, cancellationToken);
        }

        if (options.Runs("flow") && campaign is not null && !node.HasExited)
        {
            await Guarded(report, database.Name, "flow", async () => report.AddRange(await Flows.RunAsync(context, campaign)), cancellationToken);
        }

        if (options.Runs("import") && !node.HasExited)
        {
            await Guarded(report, database.Name, "import", async () => report.Add(await Import.RunAsync(context)), cancellationToken);
        }

        if (options.Runs("reads") && campaign is not null && !node.HasExited)
        {
            await Guarded(report, database.Name, "reads", async () => report.AddRange(await Reads.RunAsync(context, campaign)), cancellationToken);
        }

        if (campaign is not null)
        {
            report.Add(MailCheck(context));
        }

        if (node.HasExited)
        {
            report.Add(ResultRow.Failed(database.Name, "node", "", $"the node stopped during the run:\n{node.LastLines}"));
        }
    }

    /// <summary>Over the whole run, on the loopback SendGrid's side: no address got more than one email.</summary>
    private static ResultRow MailCheck(NodeContext context)
    {
        var accepted = context.SendGrid.Requests.Where(r => r.Status == (int)HttpStatusCode.Accepted).SelectMany(r => r.Messages).ToList();
        var twice = accepted.GroupBy(m => m.To, StringComparer.OrdinalIgnoreCase).Count(g => g.Count() > 1);
        var check = $"{accepted.Count:N0} emails accepted over the run, {twice:N0} addresses got more than one";
        return new ResultRow(context.Database, "mail", "exactly once", accepted.Count, 0, null, null, null, null, null, null, null, 0, null, twice == 0, check);
    }

    /// <summary>
    /// Runs a scenario; a failure becomes a FAILED line with the reason, and the run goes on with the next. A
    /// cancelled run (Ctrl+C) stops.
    /// </summary>
    private static async Task Guarded(Report report, string database, string scenario, Func<Task> run, CancellationToken cancellationToken)
    {
        try
        {
            await run();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            report.Add(ResultRow.Failed(database, scenario, "", e.Message));
            Progress.Say($"{database} {scenario} FAILED: {e}");
        }
    }
}
