using System.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Storage;

namespace SupplierQuality.Integration.Tests.Storage;

/// <summary>
/// The membership queries called the way the Orleans clustering provider calls them (same parameter names and
/// types), for the rules a two-silo cluster rarely hits: stale table versions and the defunct-silo cleanup.
/// </summary>
public sealed class PostgreSqlMembershipQueryTests(PostgresServer server)
{
    private const int Active = 3;
    private const int Dead = 6;
    private const string Cluster = "membership-test";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Membership_rows_change_only_together_with_the_expected_table_version()
    {
        var db = await CreateMigratedDatabaseAsync();
        var start = DateTime.UtcNow;

        Assert.Equal(1, await db.RunAsync("InsertMembershipVersionKey", ("DeploymentId", Cluster, DbType.String)));
        Assert.Equal(0, await db.RunAsync("InsertMembershipVersionKey", ("DeploymentId", Cluster, DbType.String)));

        Assert.Equal(1, await db.RunAsync("InsertMembershipKey", InsertSilo(port: 11111, start, version: 0)));
        Assert.Equal(0, await db.RunAsync("InsertMembershipKey", InsertSilo(port: 11111, start, version: 1)));
        Assert.Equal(0, await db.RunAsync("InsertMembershipKey", InsertSilo(port: 22222, start, version: 0)));
        Assert.Equal(1, await db.RunAsync("InsertMembershipKey", InsertSilo(port: 22222, start, version: 1)));

        Assert.Equal(0, await db.RunAsync("UpdateMembershipKey", UpdateSilo(port: 11111, Active, start, version: 1)));
        Assert.Equal(1, await db.RunAsync("UpdateMembershipKey", UpdateSilo(port: 11111, Active, start, version: 2)));

        // Only the successful calls moved the version: 0 -> 1 -> 2 -> 3.
        Assert.Equal(3, await db.ScalarAsync($"SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = '{Cluster}'"));
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*)::integer FROM OrleansMembershipTable"));
        Assert.Equal(Active, await db.ScalarAsync("SELECT Status FROM OrleansMembershipTable WHERE Port = 11111"));
    }

    [Fact]
    public async Task Defunct_silo_cleanup_removes_only_dead_rows_that_are_unchanged()
    {
        var db = await CreateMigratedDatabaseAsync();
        var start = DateTime.UtcNow.AddHours(-2);
        await db.RunAsync("InsertMembershipVersionKey", ("DeploymentId", Cluster, DbType.String));
        await db.RunAsync("InsertMembershipKey", InsertSilo(port: 11111, start, version: 0));
        await db.RunAsync("InsertMembershipKey", InsertSilo(port: 22222, start, version: 1));
        await db.RunAsync("UpdateMembershipKey", UpdateSilo(port: 11111, Dead, start, version: 2));
        await db.RunAsync("UpdateMembershipKey", UpdateSilo(port: 22222, Active, start, version: 3));

        // Orleans passes back the values it read; a row that changed since must stay.
        var stored = await db.ReadTimesAsync(port: 11111);
        Assert.Equal(0, await db.RunAsync("CleanupDefunctSiloEntryKey", CleanupOne(11111, stored.Start, stored.IAmAlive.AddSeconds(-1))));
        Assert.Equal(0, await db.RunAsync("CleanupDefunctSiloEntryKey", CleanupOne(22222, stored.Start, stored.IAmAlive)));
        Assert.Equal(1, await db.RunAsync("CleanupDefunctSiloEntryKey", CleanupOne(11111, stored.Start, stored.IAmAlive)));

        Assert.Equal(0, await db.RunAsync(
            "CleanupDefunctSiloEntriesKey",
            ("DeploymentId", Cluster, DbType.String),
            ("IAmAliveTime", DateTime.UtcNow.AddHours(1), DbType.DateTime)));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*)::integer FROM OrleansMembershipTable"));
    }

    private async Task<Database> CreateMigratedDatabaseAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await MigrationRunner.ApplyAsync(DatabaseDialect.PostgreSql, connectionString, NullLogger.Instance, Cancellation);
        return new Database(connectionString);
    }

    private static (string, object?, DbType)[] InsertSilo(int port, DateTime start, int version) =>
    [
        ("DeploymentId", Cluster, DbType.String),
        ("Address", "127.0.0.1", DbType.AnsiString),
        ("Port", port, DbType.Int32),
        ("Generation", 1, DbType.Int32),
        ("SiloName", $"silo-{port}", DbType.String),
        ("HostName", "localhost", DbType.String),
        ("Status", 2, DbType.Int32),
        ("ProxyPort", port + 1, DbType.Int32),
        ("StartTime", start, DbType.DateTime),
        ("IAmAliveTime", start, DbType.DateTime),
        ("Version", version, DbType.Int32),
    ];

    private static (string, object?, DbType)[] UpdateSilo(int port, int status, DateTime start, int version) =>
    [
        ("DeploymentId", Cluster, DbType.String),
        ("Address", "127.0.0.1", DbType.AnsiString),
        ("Port", port, DbType.Int32),
        ("Generation", 1, DbType.Int32),
        ("Status", status, DbType.Int32),
        ("SuspectTimes", null, DbType.String),
        ("IAmAliveTime", start.AddMinutes(1), DbType.DateTime),
        ("Version", version, DbType.Int32),
    ];

    private static (string, object?, DbType)[] CleanupOne(int port, DateTime start, DateTime iAmAlive) =>
    [
        ("DeploymentId", Cluster, DbType.String),
        ("Address", "127.0.0.1", DbType.AnsiString),
        ("Port", port, DbType.Int32),
        ("Generation", 1, DbType.Int32),
        ("SuspectTimes", null, DbType.String),
        ("StartTime", start, DbType.DateTime),
        ("IAmAliveTime", iAmAlive, DbType.DateTime),
    ];

    private sealed class Database(string connectionString)
    {
        /// <summary>Runs a stored Orleans query; returns its first value, or the rows affected when it returns none.</summary>
        public async Task<int> RunAsync(string queryKey, params (string Name, object? Value, DbType Type)[] parameters)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Cancellation);
            string sql;
            await using (var lookup = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection))
            {
                lookup.Parameters.AddWithValue("key", queryKey);
                sql = (string?)await lookup.ExecuteScalarAsync(Cancellation) ?? throw new InvalidOperationException($"No query {queryKey}");
            }

            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var (name, value, type) in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
            }

            await using var reader = await command.ExecuteReaderAsync(Cancellation);
            int? first = null;
            do
            {
                while (await reader.ReadAsync(Cancellation))
                {
                    first ??= Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            while (await reader.NextResultAsync(Cancellation));

            return first ?? reader.RecordsAffected;
        }

        public async Task<int> ScalarAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Cancellation);
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt32(await command.ExecuteScalarAsync(Cancellation), System.Globalization.CultureInfo.InvariantCulture);
        }

        public async Task<(DateTime Start, DateTime IAmAlive)> ReadTimesAsync(int port)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Cancellation);
            await using var command = new NpgsqlCommand("SELECT StartTime, IAmAliveTime FROM OrleansMembershipTable WHERE Port = @port", connection);
            command.Parameters.AddWithValue("port", port);
            await using var reader = await command.ExecuteReaderAsync(Cancellation);
            Assert.True(await reader.ReadAsync(Cancellation));
            return (reader.GetDateTime(0), reader.GetDateTime(1));
        }
    }
}
