using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Storage;

namespace SupplierQuality.Integration.Tests.Storage;

/// <summary>What every dialect's migrations must do; one derived class per dialect.</summary>
public abstract class MigrationRunnerTests
{
    /// <summary>Every query key the Orleans 10.4 providers of this dialect load (clustering only on PostgreSQL).</summary>
    private static readonly string[] PersistenceAndReminderKeys =
    [
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static readonly string[] ClusteringKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
    ];

    protected abstract DatabaseDialect Dialect { get; }

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract DbConnection Connect(string connectionString);

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrations_apply_in_order_to_an_empty_database()
    {
        var connectionString = await CreateDatabaseAsync();

        var applied = await MigrationRunner.ApplyAsync(Dialect, connectionString, NullLogger.Instance, Cancellation);

        var expected = Migration.Load(Dialect).Select(m => m.Version).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, applied);
        Assert.Equal(expected, await HistoryVersionsAsync(connectionString));
    }

    [Fact]
    public async Task Migrations_reapply_as_a_no_op()
    {
        var connectionString = await CreateDatabaseAsync();
        await MigrationRunner.ApplyAsync(Dialect, connectionString, NullLogger.Instance, Cancellation);

        var again = await MigrationRunner.ApplyAsync(Dialect, connectionString, NullLogger.Instance, Cancellation);

        Assert.Empty(again);
        Assert.Equal(Migration.Load(Dialect).Count, (await HistoryVersionsAsync(connectionString)).Count);
    }

    [Fact]
    public async Task Every_query_the_Orleans_providers_load_is_installed()
    {
        var connectionString = await CreateDatabaseAsync();
        await MigrationRunner.ApplyAsync(Dialect, connectionString, NullLogger.Instance, Cancellation);

        var expected = Dialect == DatabaseDialect.PostgreSql
            ? [.. PersistenceAndReminderKeys, .. ClusteringKeys]
            : PersistenceAndReminderKeys;
        var installed = await ReadColumnAsync(connectionString, "SELECT QueryKey FROM OrleansQuery");
        Assert.Equal(expected.Order(StringComparer.Ordinal), installed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_changed_migration_that_was_already_applied_is_refused()
    {
        var connectionString = await CreateDatabaseAsync();
        await MigrationRunner.ApplyAsync(Dialect, connectionString, NullLogger.Instance, Cancellation);
        await ExecuteAsync(connectionString, $"UPDATE {MigrationRunner.HistoryTable} SET checksum = 'edited' WHERE version = '0001'");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => MigrationRunner.ApplyAsync(Dialect, connectionString, NullLogger.Instance, Cancellation));

        Assert.Contains("0001", error.Message, StringComparison.Ordinal);
        Assert.Contains("changed since it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_runners_apply_each_migration_once()
    {
        var connectionString = await CreateDatabaseAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => MigrationRunner.ApplyAsync(Dialect, connectionString, NullLogger.Instance, Cancellation), Cancellation)));

        var expected = Migration.Load(Dialect).Select(m => m.Version).ToList();
        Assert.Equal(expected, results.SelectMany(r => r).Order(StringComparer.Ordinal));
        Assert.Equal(expected, await HistoryVersionsAsync(connectionString));
    }

    protected async Task<List<string>> ReadColumnAsync(string connectionString, string sql)
    {
        await using var connection = Connect(connectionString);
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = Connect(connectionString);
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    private Task<List<string>> HistoryVersionsAsync(string connectionString) =>
        ReadColumnAsync(connectionString, $"SELECT version FROM {MigrationRunner.HistoryTable} ORDER BY version");
}

public sealed class SqliteMigrationRunnerTests : MigrationRunnerTests, IDisposable
{
    private readonly List<TemporarySqliteDatabase> _databases = [];

    protected override DatabaseDialect Dialect => DatabaseDialect.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        var database = new TemporarySqliteDatabase();
        _databases.Add(database);
        return Task.FromResult(database.ConnectionString);
    }

    protected override DbConnection Connect(string connectionString) => new SqliteConnection(connectionString);

    [Fact]
    public async Task The_SQLite_file_is_switched_to_write_ahead_logging()
    {
        var connectionString = await CreateDatabaseAsync();

        await MigrationRunner.ApplyAsync(Dialect, connectionString, NullLogger.Instance, Cancellation);

        Assert.Equal(["wal"], await ReadColumnAsync(connectionString, "PRAGMA journal_mode"));
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }
}

public sealed class PostgreSqlMigrationRunnerTests(PostgresServer server) : MigrationRunnerTests
{
    protected override DatabaseDialect Dialect => DatabaseDialect.PostgreSql;

    protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();

    protected override DbConnection Connect(string connectionString) => new NpgsqlConnection(connectionString);

    [Fact]
    public async Task The_migration_lock_is_released_after_a_run()
    {
        var connectionString = await CreateDatabaseAsync();

        await MigrationRunner.ApplyAsync(Dialect, connectionString, NullLogger.Instance, Cancellation);

        // Another session can take the lock at once, so no node waits behind a finished run.
        var taken = await ReadColumnAsync(
            connectionString,
            $"SELECT (pg_try_advisory_lock({MigrationRunner.PostgreSqlLockKey}) AND pg_advisory_unlock({MigrationRunner.PostgreSqlLockKey}))::text");
        Assert.Equal(["true"], taken);
    }
}
