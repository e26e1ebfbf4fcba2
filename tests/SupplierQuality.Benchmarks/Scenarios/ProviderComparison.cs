using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using SupplierQuality.Benchmarks.Databases;
using SupplierQuality.Benchmarks.Results;
using SupplierQuality.Storage;

namespace SupplierQuality.Benchmarks.Scenarios;

/// <summary>A grain state of about the size of a supplier's (a name, a few contacts, a note).</summary>
[GenerateSerializer]
public sealed class BenchState
{
    [Id(0)]
    public string Name { get; set; } = "Benchmark Castings Ltd";

    [Id(1)]
    public List<string> Contacts { get; set; } = [.. Enumerable.Range(0, 4).Select(i => $"contact{i}@castings.example")];

    [Id(2)]
    public string Notes { get; set; } = new('n', 400);

    [Id(3)]
    public int Counter { get; set; }
}

/// <summary>
/// The "provider" scenario (not run by default; docs/benchmarks.md has its figures): grain state writes per second
/// through the Orleans ADO.NET grain storage provider, in-process, beside raw single-row inserts into the same database,
/// the two taking turns in one-second slices so a noisy neighbour or a slow disk moment hits both alike. It measures
/// the stock provider on the project's schema, not whatever the node uses today.
/// </summary>
internal static class ProviderComparison
{
    private const string RawTable = "bench_raw_insert";

    public static async Task<IReadOnlyList<ResultRow>> RunAsync(DatabaseTarget database, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        var (dialect, connectionString) = (database.Dialect, database.ProviderConnectionString);
        await MigrationRunner.ApplyAsync(dialect, connectionString, NullLogger.Instance, cancellationToken);
        var serviceId = $"bench-{Guid.NewGuid():N}";
        using var host = await StartSiloAsync(dialect, connectionString, serviceId);
        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        Func<DbConnection> connect = dialect == DatabaseDialect.Sqlite
            ? () => new Microsoft.Data.Sqlite.SqliteConnection(connectionString)
            : () => new Npgsql.NpgsqlConnection(connectionString);
        var payloadLength = await PayloadLengthAsync(storage, connect, serviceId);
        await ExecuteAsync(connect, dialect == DatabaseDialect.Sqlite
            ? $"CREATE TABLE {RawTable} (Id INTEGER PRIMARY KEY, Writer INTEGER NOT NULL, Payload BLOB NOT NULL)"
            : $"CREATE TABLE {RawTable} (Id bigserial PRIMARY KEY, Writer integer NOT NULL, Payload bytea NOT NULL)");
        Progress.Say($"provider: {database.Name}; grain state payload {payloadLength} bytes, raw rows the same size");

        var rows = new List<ResultRow>();
        try
        {
            foreach (var writers in options.Writers)
            {
                var run = Guid.NewGuid().ToString("N");
                var (provider, raw) = await CompareAsync(
                    writers, options.RawSeconds, w => ProviderWrite(storage, $"{run}-{w}"), w => RawInsert(connect, w, payloadLength));
                var check = string.Create(
                    CultureInfo.InvariantCulture,
                    $"raw {raw.PerSecond:N0}/s in the same slices; provider / raw {provider.PerSecond / raw.PerSecond:P0}; CPU ms per write {provider.CpuPerOperation:N2} / {raw.CpuPerOperation:N2}");
                rows.Add(new ResultRow(
                    database.Name, "provider", $"{writers} writers", provider.Operations, provider.Elapsed.TotalSeconds, provider.PerSecond,
                    null, null, null, null, null, null, provider.Cpu.TotalSeconds, provider.CpuPerOperation, true, check));
                Progress.Say($"provider {writers,2} writers: {provider.PerSecond:N0}/s; {check}");
            }
        }
        finally
        {
            await ExecuteAsync(connect, $"DROP TABLE {RawTable}");
            await ExecuteAsync(connect, $"DELETE FROM OrleansStorage WHERE ServiceId = '{serviceId}'");
            await host.StopAsync(CancellationToken.None);
        }

        return rows;
    }

    /// <summary>A silo configured as the node configures its default grain storage, to resolve the real provider from.</summary>
    private static async Task<IHost> StartSiloAsync(DatabaseDialect dialect, string connectionString, string serviceId)
    {
        var builder = Host.CreateApplicationBuilder();

        // Orleans warns about GC settings and a slow watchdog on a busy 2-core machine; only errors matter here.
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: serviceId, clusterId: serviceId);
            silo.AddAdoNetGrainStorage("Default", o =>
            {
                o.Invariant = MigrationRunner.OrleansInvariant(dialect);
                o.ConnectionString = connectionString;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>
    /// Each writer keeps writing its own grain's state, as an active grain does: an update of one row with the
    /// ETag check (the first call inserts it).
    /// </summary>
    private static Func<Task> ProviderWrite(IGrainStorage storage, string key)
    {
        var grainId = GrainId.Create("benchstate", key);
        var value = new BenchState();
        var state = new GrainState<BenchState>(value);
        return () =>
        {
            value.Counter++;
            return storage.WriteStateAsync("BenchState", grainId, state);
        };
    }

    /// <summary>One autocommitted single-row INSERT on a pooled connection (the provider opens one per call too).</summary>
    private static Func<Task> RawInsert(Func<DbConnection> connect, int writer, int payloadLength)
    {
        var payload = new byte[payloadLength];
        Random.Shared.NextBytes(payload);
        return async () =>
        {
            await using var connection = connect();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {RawTable} (Writer, Payload) VALUES (@writer, @payload)";
            AddParameter(command, "writer", writer);
            AddParameter(command, "payload", payload);
            await command.ExecuteNonQueryAsync();
        };
    }

    /// <summary>The provider and the raw inserts in alternating slices of about a second until each had <paramref name="seconds"/>.</summary>
    private static async Task<(Measure Provider, Measure Raw)> CompareAsync(
        int writers, double seconds, Func<int, Func<Task>> provider, Func<int, Func<Task>> raw)
    {
        var providerOps = await WarmUpAsync(writers, provider);
        var rawOps = await WarmUpAsync(writers, raw);
        var slices = Math.Max(1, (int)Math.Round(seconds));
        var providerTotal = Measure.Zero;
        var rawTotal = Measure.Zero;
        for (var slice = 0; slice < slices; slice++)
        {
            providerTotal += await RunAsync(providerOps, seconds / slices);
            rawTotal += await RunAsync(rawOps, seconds / slices);
        }

        return (providerTotal, rawTotal);
    }

    /// <summary>First writes insert rows, fill pools and compile paths: done before measuring.</summary>
    private static async Task<Func<Task>[]> WarmUpAsync(int writers, Func<int, Func<Task>> operation)
    {
        var operations = Enumerable.Range(0, writers).Select(operation).ToArray();
        foreach (var op in operations)
        {
            await op();
            await op();
        }

        return operations;
    }

    /// <summary>All operations looping concurrently for <paramref name="seconds"/>: count, wall time and process CPU time.</summary>
    private static async Task<Measure> RunAsync(Func<Task>[] operations, double seconds)
    {
        var counts = new long[operations.Length];
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(operations.Select((op, w) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await op();
                counts[w]++;
            }
        })));
        return new Measure(counts.Sum(), stopwatch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    private static async Task<int> PayloadLengthAsync(IGrainStorage storage, Func<DbConnection> connect, string serviceId)
    {
        await ProviderWrite(storage, "payload-probe")();
        return Convert.ToInt32(
            await ScalarAsync(connect, $"SELECT length(PayloadBinary) FROM OrleansStorage WHERE ServiceId = '{serviceId}'"),
            CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(Func<DbConnection> connect, string sql)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(Func<DbConnection> connect, string sql)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Operations done, the wall time they took and the CPU time this process spent meanwhile.</summary>
    private readonly record struct Measure(long Operations, TimeSpan Elapsed, TimeSpan Cpu)
    {
        public static Measure Zero => default;

        public double PerSecond => Operations / Elapsed.TotalSeconds;

        public double CpuPerOperation => Cpu.TotalMilliseconds / Operations;

        public static Measure operator +(Measure a, Measure b) => new(a.Operations + b.Operations, a.Elapsed + b.Elapsed, a.Cpu + b.Cpu);
    }
}
