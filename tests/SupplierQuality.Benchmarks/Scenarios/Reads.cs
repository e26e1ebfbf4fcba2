using System.Diagnostics;
using System.Net;
using SupplierQuality.Benchmarks.Client;
using SupplierQuality.Benchmarks.Results;

namespace SupplierQuality.Benchmarks.Scenarios;

/// <summary>
/// Scenario 5: with every supplier of the campaign answered at least once (so scored and ranked), the pages and API
/// calls executives and BI systems use, each read --read-requests times while answers keep arriving at
/// --answer-rate: latency percentiles per page.
/// </summary>
internal static class Reads
{
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(NodeContext context, CampaignUnderTest campaign)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(campaign);
        var (options, session, cancel) = (context.Options, context.Session, context.Cancel);
        var flows = campaign.Flows;

        // Invitations go contact by contact, so after as many answers as suppliers every supplier has one.
        var answered = campaign.Invitations.Count - flows.Pool.Remaining;
        if (answered < campaign.Suppliers)
        {
            Progress.Say($"reads: answering for {campaign.Suppliers - answered:N0} more suppliers first, so every supplier is scored");
            await flows.RunAsync("reads set-up", 8, TimeSpan.FromHours(1), new FlowLimits(MaxFlows: campaign.Suppliers - answered), default, cancel);
        }

        var ranked = await WaitForRankingAsync(context, campaign.Suppliers);
        var period = ranked["period"]?.GetValue<string>();
        if (period is null)
        {
            return [ResultRow.Failed(context.Database, "reads", "ranking", "the ranking has no period with responses")];
        }

        var top = await session.GetJsonAsync($"/api/rankings?period={Uri.EscapeDataString(period)}&take=100", cancel);
        var suppliers = top["items"]!.AsArray().Select(i => i!["supplierId"]!.GetValue<string>()).ToList();
        var scored = top["items"]!.AsArray().Count(i => i!["rankingScore"] is not null);
        var total = NodeSession.Int(ranked, "total");
        Progress.Say($"reads: the ranking lists {total:N0} suppliers ({scored} of its first {suppliers.Count} scored); reading while {options.AnswerRate:N0} answers a second arrive");

        var p = Uri.EscapeDataString(period);
        var search = BenchSuppliers.SearchWord;
        var reads = new (string Name, HttpClient Client, Func<int, string> Path)[]
        {
            ("ranking page", session.Browser, _ => $"/rankings?period={p}"),
            ("ranking page, filtered", session.Browser, _ => $"/rankings?period={p}&search={search}&sort=name"),
            ("ranking API", session.Api, _ => $"/api/rankings?period={p}"),
            ("ranking API, filtered", session.Api, _ => $"/api/rankings?period={p}&search={search}&skip=50&take=50"),
            ("scorecard page", session.Browser, i => $"/suppliers/{suppliers[i % suppliers.Count]}/scorecard"),
            ("scorecard API", session.Api, i => $"/api/suppliers/{suppliers[i % suppliers.Count]}/scorecard"),
            ("campaign page", session.Browser, _ => $"/campaigns/{campaign.Id}"),
        };

        // The ranking may not list every supplier yet: the figures are then for a smaller ranking, which the check says.
        var scope = total < campaign.Suppliers ? $"; the ranking listed only {total:N0} of {campaign.Suppliers:N0} suppliers" : "";
        var rows = new List<ResultRow>();
        using var stopAnswers = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        Task answers = options.AnswerRate > 0
            ? flows.RunAsync("reads: answers arriving", 2, TimeSpan.FromHours(2), new FlowLimits(PerSecond: options.AnswerRate), stopAnswers.Token, cancel)
            : Task.CompletedTask;
        try
        {
            foreach (var (name, client, path) in reads)
            {
                var row = await ReadAsync(context, name, client, path, flows.Ledger);
                row.Details["rankedSuppliers"] = total;
                rows.Add(row with { Check = row.Check + scope });
            }
        }
        finally
        {
            await stopAnswers.CancelAsync();
            await answers;
        }

        rows.Add(await campaign.CheckSubmittedAsync(context, "reads"));
        return rows;
    }

    private static async Task<ResultRow> ReadAsync(NodeContext context, string name, HttpClient client, Func<int, string> path, FlowLedger ledger)
    {
        var options = context.Options;
        for (var i = 0; i < 5; i++)
        {
            using var warm = await client.GetAsync(new Uri(path(i), UriKind.Relative), context.Cancel);
        }

        var latencies = new Latencies();
        var next = -1;
        var (ok, failed, bytes) = (0L, 0L, 0L);
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var answersBefore = ledger.Acknowledged;
        var window = context.Meter.Begin();
        await using (Progress.Every(TimeSpan.FromSeconds(5), () => $"reads {name}: {Interlocked.Read(ref ok) + Interlocked.Read(ref failed):N0} of {options.ReadRequests:N0}"))
        {
            await Task.WhenAll(Enumerable.Range(0, options.ReadClients).Select(_ => Task.Run(
                async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < options.ReadRequests)
                    {
                        var start = Stopwatch.GetTimestamp();
                        using var response = await client.GetAsync(new Uri(path(i), UriKind.Relative), context.Cancel);
                        var body = await response.Content.ReadAsByteArrayAsync(context.Cancel);
                        latencies.AddSince(start);
                        Interlocked.Add(ref bytes, body.Length);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref ok);
                        }
                        else
                        {
                            Interlocked.Increment(ref failed);
                            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                        }
                    }
                },
                context.Cancel)));
        }

        var usage = await window.EndAsync();
        var arrived = ledger.Acknowledged - answersBefore;
        var check = failed == 0
            ? $"all {ok:N0} answered 200; {arrived:N0} answers arrived meanwhile"
            : $"{failed:N0} not 200 ({string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}); {arrived:N0} answers arrived meanwhile";
        var row = ResultRow.From(context.Database, "reads", name, ok, usage, latencies, failed == 0, check);
        row.Details["averageBytes"] = (ok + failed) > 0 ? bytes / (ok + failed) : 0;
        row.Details["answersArrived"] = arrived;
        Progress.Say($"reads {name}: p50 {row.P50Ms:N1} ms, p95 {row.P95Ms:N1} ms, p99 {row.P99Ms:N1} ms; {check}");
        return row;
    }

    /// <summary>The ranking once it lists every supplier of the campaign (scores follow answers a moment later), or after two minutes.</summary>
    private static async Task<System.Text.Json.Nodes.JsonObject> WaitForRankingAsync(NodeContext context, int suppliers)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var ranking = await context.Session.GetJsonAsync("/api/rankings?take=1", context.Cancel);
            if (NodeSession.Int(ranking, "total") >= suppliers || DateTime.UtcNow > deadline)
            {
                return ranking;
            }

            await Task.Delay(500, context.Cancel);
        }
    }
}
