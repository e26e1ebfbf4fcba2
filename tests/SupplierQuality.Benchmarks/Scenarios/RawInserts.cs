using System.Diagnostics;
using SupplierQuality.Benchmarks.Databases;
using SupplierQuality.Benchmarks.Results;

namespace SupplierQuality.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1, the machine's limit in the same run: autocommitted single-row inserts of a grain-state-sized row,
/// each on a pooled connection, at several concurrencies. Nothing the node does durably can go faster than this.
/// </summary>
internal static class RawInserts
{
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(DatabaseTarget database, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        Progress.Say($"raw: {await database.PrepareRawAsync(cancellationToken)}");
        var meter = new ResourceMeter(null, database.ServerCpu);
        var rows = new List<ResultRow>();
        foreach (var connections in options.Connections)
        {
            var latencies = new Latencies();
            var inserters = Enumerable.Range(0, connections).Select(w => Inserter(database, w)).ToArray();

            // The first inserts fill the pool and compile the paths: done before measuring.
            foreach (var insert in inserters)
            {
                await insert(cancellationToken);
            }

            var window = meter.Begin();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(TimeSpan.FromSeconds(options.RawSeconds));
            var counts = new long[connections];
            await Task.WhenAll(inserters.Select((insert, w) => Task.Run(
                async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var start = Stopwatch.GetTimestamp();
                        await insert(cancellationToken);
                        latencies.AddSince(start);
                        counts[w]++;
                    }
                },
                cancellationToken)));
            var usage = await window.EndAsync();
            var row = ResultRow.From(database.Name, "raw", $"{connections} conn", counts.Sum(), usage, latencies, true, "single-row durable inserts");
            rows.Add(row);
            Progress.Say($"raw {connections,2} connections: {row.Count:N0} inserts, {row.PerSecond:N0}/s, p99 {row.P99Ms:N1} ms");
        }

        return rows;
    }

    private static Func<CancellationToken, Task> Inserter(DatabaseTarget database, int writer)
    {
        var payload = new byte[DatabaseTarget.RawPayloadBytes];
        Random.Shared.NextBytes(payload);
        return async cancellationToken =>
        {
            await using var connection = database.RawConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = database.RawInsert(connection, writer, payload);
            await command.ExecuteNonQueryAsync(cancellationToken);
        };
    }
}
