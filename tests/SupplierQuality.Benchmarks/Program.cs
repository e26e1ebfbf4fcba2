using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Storage;
using SupplierQuality.Benchmarks;
using SupplierQuality.Storage;

// Grain state writes per second through the Orleans ADO.NET grain storage provider, on SQLite and on PostgreSQL,
// each beside raw single-row inserts into the same database in the same run. Usage:
//   dotnet run -c Release --project tests/SupplierQuality.Benchmarks -- [--seconds 3] [--writers 1,32]
//       [--postgres "<Npgsql connection string>" | --skip-postgres]
var options = BenchmarkOptions.Parse(args);
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(invariant, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {RuntimeInformation.OSDescription}, {CpuModel()} ({Environment.ProcessorCount} cores), {RuntimeInformation.FrameworkDescription}"));
Console.WriteLine(string.Create(invariant, $"{options.Seconds} s per cell; writers: {string.Join(", ", options.Writers)}"));

var results = new List<Cell>();
var sqliteDirectory = Directory.CreateTempSubdirectory("sq-bench-sqlite-");
try
{
    // The same settings the node uses for its embedded file (NodeStorage): pooled, 30 s busy timeout, WAL set by the migration.
    var sqlite = new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(sqliteDirectory.FullName, "bench.db"),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ConnectionString;
    await MigrationRunner.ApplyAsync(DatabaseDialect.Sqlite, sqlite, NullLogger.Instance, CancellationToken.None);
    results.AddRange(await Bench.MeasureAsync("SQLite", DatabaseDialect.Sqlite, sqlite, options));
}
finally
{
    SqliteConnection.ClearAllPools();
    sqliteDirectory.Delete(recursive: true);
}

if (!options.SkipPostgres)
{
    PrivatePostgres? server = null;
    var connectionString = options.Postgres;
    if (connectionString is null)
    {
        (server, var missing) = await PrivatePostgres.StartAsync();
        connectionString = server?.ConnectionString;
        if (missing is not null)
        {
            Console.WriteLine($"PostgreSQL skipped: {missing}");
        }
    }

    if (connectionString is not null)
    {
        try
        {
            await MigrationRunner.ApplyAsync(DatabaseDialect.PostgreSql, connectionString, NullLogger.Instance, CancellationToken.None);
            results.AddRange(await Bench.MeasureAsync("PostgreSQL", DatabaseDialect.PostgreSql, connectionString, options));
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}

Console.WriteLine();
Console.WriteLine("| database | writers | provider writes/s | raw inserts/s | provider / raw | CPU ms per write, provider / raw |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var cell in results)
{
    Console.WriteLine(string.Create(
        invariant,
        $"| {cell.Database} | {cell.Writers} | {cell.Provider.PerSecond:N0} | {cell.Raw.PerSecond:N0} | {cell.Provider.PerSecond / cell.Raw.PerSecond:P0} | {cell.Provider.CpuPerOperation:N2} / {cell.Raw.CpuPerOperation:N2} |"));
}

return 0;

static string CpuModel()
{
    const string key = "model name";
    return File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : RuntimeInformation.ProcessArchitecture.ToString();
}

namespace SupplierQuality.Benchmarks
{
    internal sealed record BenchmarkOptions(double Seconds, IReadOnlyList<int> Writers, string? Postgres, bool SkipPostgres)
    {
        public static BenchmarkOptions Parse(string[] args)
        {
            string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            return new BenchmarkOptions(
                double.Parse(Value("--seconds") ?? "3", CultureInfo.InvariantCulture),
                [.. (Value("--writers") ?? "1,32").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture))],
                Value("--postgres"),
                args.Contains("--skip-postgres"));
        }
    }

    internal sealed record Cell(string Database, int Writers, Measure Provider, Measure Raw);

    /// <summary>Operations done, the wall time they took and the CPU time this process spent meanwhile.</summary>
    internal readonly record struct Measure(long Operations, TimeSpan Elapsed, TimeSpan Cpu)
    {
        public static Measure Zero => default;

        public double PerSecond => Operations / Elapsed.TotalSeconds;

        public double CpuPerOperation => Cpu.TotalMilliseconds / Operations;

        public static Measure operator +(Measure a, Measure b) => new(a.Operations + b.Operations, a.Elapsed + b.Elapsed, a.Cpu + b.Cpu);
    }

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

    internal static class Bench
    {
        private const string RawTable = "bench_raw_insert";

        public static async Task<IReadOnlyList<Cell>> MeasureAsync(string name, DatabaseDialect dialect, string connectionString, BenchmarkOptions options)
        {
            var serviceId = $"bench-{Guid.NewGuid():N}";
            using var host = await StartSiloAsync(dialect, connectionString, serviceId);
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>("Default");
            Func<DbConnection> connect = dialect == DatabaseDialect.Sqlite
                ? () => new SqliteConnection(connectionString)
                : () => new NpgsqlConnection(connectionString);
            var payloadLength = await PayloadLengthAsync(storage, connect, serviceId);
            await ExecuteAsync(connect, dialect == DatabaseDialect.Sqlite
                ? $"CREATE TABLE {RawTable} (Id INTEGER PRIMARY KEY, Writer INTEGER NOT NULL, Payload BLOB NOT NULL)"
                : $"CREATE TABLE {RawTable} (Id bigserial PRIMARY KEY, Writer integer NOT NULL, Payload bytea NOT NULL)");
            var version = Convert.ToString(await ScalarAsync(connect, dialect == DatabaseDialect.Sqlite ? "SELECT sqlite_version()" : "SHOW server_version"), CultureInfo.InvariantCulture);
            var settings = dialect == DatabaseDialect.Sqlite
                ? $"journal_mode {await ScalarAsync(connect, "PRAGMA journal_mode")}, synchronous {await ScalarAsync(connect, "PRAGMA synchronous")}"
                : $"fsync {await ScalarAsync(connect, "SHOW fsync")}, synchronous_commit {await ScalarAsync(connect, "SHOW synchronous_commit")}";
            Console.WriteLine($"{name} {version} ({settings}); grain state payload {payloadLength} bytes, raw rows the same size");

            var cells = new List<Cell>();
            try
            {
                foreach (var writers in options.Writers)
                {
                    var run = Guid.NewGuid().ToString("N");
                    var (provider, raw) = await CompareAsync(
                        writers, options.Seconds, w => ProviderWrite(storage, $"{run}-{w}"), w => RawInsert(connect, w, payloadLength));
                    cells.Add(new Cell(name, writers, provider, raw));
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  {writers,2} writers: provider {provider.PerSecond,8:N0}/s ({provider.CpuPerOperation:N2} ms CPU each), raw {raw.PerSecond,8:N0}/s ({raw.CpuPerOperation:N2} ms CPU each)"));
                }
            }
            finally
            {
                await ExecuteAsync(connect, $"DROP TABLE {RawTable}");
                await ExecuteAsync(connect, $"DELETE FROM OrleansStorage WHERE ServiceId = '{serviceId}'");
                await host.StopAsync();
            }

            return cells;
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

        /// <summary>
        /// Runs the provider and the raw inserts in alternating slices of about a second until each had
        /// <paramref name="seconds"/>, so a noisy neighbour or a slow disk moment hits both alike.
        /// </summary>
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
    }
}
