using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SupplierQuality.Storage;

/// <summary>
/// Brings a database up to the schema this build expects: the tables and named queries of the Orleans
/// ADO.NET providers, then the project's own tables. Every migration runs in a transaction together with
/// its row in <c>schema_history</c>, so a migration is either applied and recorded or not at all.
/// </summary>
/// <remarks>
/// Several nodes may start at once against one database. On PostgreSQL the whole run holds a
/// session-level advisory lock; on SQLite each migration takes the write lock (BEGIN IMMEDIATE) and checks
/// the history again inside it. Either way each migration is applied exactly once.
/// </remarks>
internal static partial class MigrationRunner
{
    /// <summary>The advisory lock key every node uses for migrations ("SQMIGRAT" in ASCII).</summary>
    internal const long PostgreSqlLockKey = 0x53514D4947524154;

    internal const string HistoryTable = "schema_history";

    private static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(30);

    // Long enough for a data migration on a large table; the lock wait itself has no timeout.
    private const int PostgreSqlCommandTimeoutSeconds = 600;

    /// <summary>The invariant name to give the Orleans ADO.NET providers for a dialect.</summary>
    public static string OrleansInvariant(DatabaseDialect dialect) => dialect switch
    {
        DatabaseDialect.PostgreSql => "Npgsql",
        // Orleans serves this invariant with Microsoft.Data.Sqlite.
        DatabaseDialect.Sqlite => "System.Data.SQLite",
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown database dialect."),
    };

    /// <summary>Applies the migrations the database does not have yet.</summary>
    /// <returns>The versions applied by this call, in order; empty when the database was up to date.</returns>
    /// <exception cref="InvalidOperationException">An applied migration was changed since.</exception>
    public static async Task<IReadOnlyList<string>> ApplyAsync(
        DatabaseDialect dialect, string connectionString, ILogger logger, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);

        var migrations = Migration.Load(dialect);
        var stopwatch = Stopwatch.StartNew();
        var applied = dialect switch
        {
            DatabaseDialect.PostgreSql => await ApplyPostgreSqlAsync(connectionString, migrations, logger, ct),
            DatabaseDialect.Sqlite => await ApplySqliteAsync(connectionString, migrations, logger, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown database dialect."),
        };

        if (applied.Count == 0)
        {
            LogUpToDate(logger, dialect, migrations.Count);
        }
        else
        {
            LogFinished(logger, applied.Count, dialect, stopwatch.ElapsedMilliseconds);
        }

        return applied;
    }

    private static async Task<IReadOnlyList<string>> ApplyPostgreSqlAsync(
        string connectionString, IReadOnlyList<Migration> migrations, ILogger logger, CancellationToken ct)
    {
        // A pooled connection would outlive this run and, should the unlock fail, keep the session lock.
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            CommandTimeout = PostgreSqlCommandTimeoutSeconds,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", PostgreSqlLockKey);
            lockCommand.CommandTimeout = 0;
            LogWaitingForLock(logger);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        try
        {
            await ExecuteAsync(connection, null, $"""
                CREATE TABLE IF NOT EXISTS {HistoryTable}
                (
                    version    text        NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """, ct);

            // The lock already serializes runners, so the history read once up front stays true.
            var recorded = await ReadHistoryAsync(connection, null, ct);
            Verify(migrations, recorded, logger);

            var applied = new List<string>();
            foreach (var migration in migrations.Where(m => !recorded.ContainsKey(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await ApplyOneAsync(connection, transaction, migration, DatabaseDialect.PostgreSql, logger, ct);
                await transaction.CommitAsync(ct);
                applied.Add(migration.Version);
            }

            return applied;
        }
        finally
        {
            await UnlockAsync(connection);
        }
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        if (connection.State != ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", PostgreSqlLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The session ends when the (unpooled) connection closes, which releases the lock too; an error
            // here must not hide the one that got us here.
        }
    }

    private static async Task<IReadOnlyList<string>> ApplySqliteAsync(
        string connectionString, IReadOnlyList<Migration> migrations, ILogger logger, CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            DefaultTimeout = (int)SqliteBusyTimeout.TotalSeconds,
        };
        CreateDirectoryOf(builder);

        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);

        await ExecuteAsync(connection, null, $"PRAGMA busy_timeout = {(int)SqliteBusyTimeout.TotalMilliseconds};", ct);

        // WAL lets readers work while a writer commits. The mode is stored in the file, so it holds for
        // every later connection, including the ones Orleans opens. It must be set outside a transaction.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = Convert.ToString(await wal.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                LogNoWal(logger, mode ?? "(none)");
            }
        }

        await ExecuteAsync(connection, null, $"""
            CREATE TABLE IF NOT EXISTS {HistoryTable}
            (
                version    TEXT NOT NULL PRIMARY KEY,
                name       TEXT NOT NULL,
                checksum   TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """, ct);

        // Fast path without the write lock: a node that starts against an up-to-date file only reads.
        var recorded = await ReadHistoryAsync(connection, null, ct);
        Verify(migrations, recorded, logger);

        var applied = new List<string>();
        foreach (var migration in migrations.Where(m => !recorded.ContainsKey(m.Version)))
        {
            // BEGIN IMMEDIATE: take the write lock before looking, so two runners cannot both decide to apply.
            await using var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
            var current = await ReadHistoryAsync(connection, transaction, ct);
            if (current.TryGetValue(migration.Version, out var checksum))
            {
                VerifyOne(migration, checksum);
                await transaction.RollbackAsync(ct);
                continue;
            }

            await ApplyOneAsync(connection, transaction, migration, DatabaseDialect.Sqlite, logger, ct);
            await transaction.CommitAsync(ct);
            applied.Add(migration.Version);
        }

        return applied;
    }

    private static async Task ApplyOneAsync(
        DbConnection connection, DbTransaction transaction, Migration migration, DatabaseDialect dialect, ILogger logger, CancellationToken ct)
    {
        LogApplying(logger, migration.Version, migration.Name, dialect);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await ExecuteAsync(connection, transaction, migration.Sql, ct);
        }
        catch (DbException ex)
        {
            throw new InvalidOperationException(
                $"{dialect} migration {migration.Version} ({migration.Name}) failed and was rolled back: {ex.Message}", ex);
        }

        await using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = dialect == DatabaseDialect.PostgreSql
            ? $"INSERT INTO {HistoryTable} (version, name, checksum) VALUES (@version, @name, @checksum)"
            : $"INSERT INTO {HistoryTable} (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
        AddParameter(record, "version", migration.Version);
        AddParameter(record, "name", migration.Name);
        AddParameter(record, "checksum", migration.Checksum);
        await record.ExecuteNonQueryAsync(ct);
        LogApplied(logger, migration.Version, migration.Name, stopwatch.ElapsedMilliseconds);
    }

    private static void Verify(IReadOnlyList<Migration> migrations, IReadOnlyDictionary<string, string> recorded, ILogger logger)
    {
        foreach (var migration in migrations)
        {
            if (recorded.TryGetValue(migration.Version, out var checksum))
            {
                VerifyOne(migration, checksum);
            }
        }

        var known = migrations.Select(m => m.Version).ToHashSet(StringComparer.Ordinal);
        foreach (var version in recorded.Keys.Where(v => !known.Contains(v)).Order(StringComparer.Ordinal))
        {
            LogUnknownVersion(logger, version);
        }
    }

    private static void VerifyOne(Migration migration, string recordedChecksum)
    {
        if (!string.Equals(recordedChecksum, migration.Checksum, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Migration {migration.Version} ({migration.Name}) has changed since it was applied to this database: " +
                $"the database recorded checksum {recordedChecksum}, this build has {migration.Checksum}. " +
                "An applied migration must never be edited; restore the original file and put the change in a new migration.");
        }
    }

    private static async Task<Dictionary<string, string>> ReadHistoryAsync(
        DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT version, checksum FROM {HistoryTable}";
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            recorded[reader.GetString(0)] = reader.GetString(1);
        }

        return recorded;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static void CreateDirectoryOf(SqliteConnectionStringBuilder builder)
    {
        var dataSource = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waiting for the PostgreSQL migration lock")]
    private static partial void LogWaitingForLock(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Dialect} migration {Version} ({Name})")]
    private static partial void LogApplying(ILogger logger, string version, string name, DatabaseDialect dialect);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} ({Name}) in {ElapsedMilliseconds} ms")]
    private static partial void LogApplied(ILogger logger, string version, string name, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} {Dialect} migrations in {ElapsedMilliseconds} ms")]
    private static partial void LogFinished(ILogger logger, int count, DatabaseDialect dialect, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Dialect} schema is up to date ({Count} migrations)")]
    private static partial void LogUpToDate(ILogger logger, DatabaseDialect dialect, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database has migration {Version}, which this build does not know; a newer build probably applied it")]
    private static partial void LogUnknownVersion(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite kept journal mode '{Mode}' instead of WAL; concurrent readers will wait for writers")]
    private static partial void LogNoWal(ILogger logger, string mode);
}
