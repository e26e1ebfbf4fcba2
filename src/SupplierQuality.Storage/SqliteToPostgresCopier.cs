using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace SupplierQuality.Storage;

/// <summary>What <see cref="SqliteToPostgresCopier.CopyAsync"/> did.</summary>
/// <param name="Copied">False when the target already held rows of these service ids and overwriting was not asked for.</param>
/// <param name="ServiceIds">The service ids found in the SQLite file (normally one: the node's <c>Node:ServiceId</c>).</param>
/// <param name="GrainStates">Grain state rows copied.</param>
/// <param name="Reminders">Reminder rows copied.</param>
/// <param name="ExistingGrainStates">Grain state rows of these service ids the target held before.</param>
/// <param name="ExistingReminders">Reminder rows of these service ids the target held before.</param>
/// <param name="ReplacedGrainStates">Of the copied grain states, those that replaced a target row with the same identity.</param>
/// <param name="ReplacedReminders">Of the copied reminders, those that replaced a target row with the same identity.</param>
internal sealed record SqliteCopyResult(
    bool Copied,
    IReadOnlyList<string> ServiceIds,
    long GrainStates,
    long Reminders,
    long ExistingGrainStates,
    long ExistingReminders,
    long ReplacedGrainStates,
    long ReplacedReminders);

/// <summary>
/// Copies a node's data (grain state and reminder rows of the Orleans ADO.NET providers) from its SQLite file into a
/// PostgreSQL database, which is migrated first. The file is opened read-only and read in one transaction, so the
/// copy is one consistent snapshot; the PostgreSQL side is one transaction too, so the target gets all rows or none.
/// </summary>
/// <remarks>
/// Rows are streamed through binary COPY into temporary tables and moved into the provider tables with one
/// <c>INSERT ... ON CONFLICT DO UPDATE</c> per table, so memory stays flat however large the file and an overwrite
/// replaces rows with the same identity. Values keep their meaning across dialects: SQLite INTEGER becomes PostgreSQL
/// integer or bigint as the PostgreSQL schema declares (checked, never truncated), BLOB becomes bytea, and the
/// timestamps SQLite keeps as UTC text become timestamptz. Versions (the grains' ETags) are copied as they are.
/// </remarks>
internal static class SqliteToPostgresCopier
{
    /// <summary>The tables this copier knows how to carry over, or knows to leave (the schema is migrated, not copied).</summary>
    private static readonly HashSet<string> KnownSqliteTables = new(StringComparer.OrdinalIgnoreCase)
    {
        "OrleansQuery", MigrationRunner.HistoryTable, "OrleansStorage", "OrleansRemindersTable",
    };

    private static readonly string[] CopiedTables = ["OrleansStorage", "OrleansRemindersTable"];

    private const string StorageColumns =
        "GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version";

    private const string ReminderColumns = "ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version";

    // The identity of a grain state row, spelt as the unique index UX_OrleansStorage_Grain spells it.
    private const string StorageIdentity =
        "GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString, " +
        "(COALESCE(GrainIdExtensionString, '')), (GrainIdExtensionString IS NULL)";

    private const string SameStorageRow = """
        t.GrainIdHash = s.GrainIdHash AND t.GrainTypeHash = s.GrainTypeHash AND t.ServiceId = s.ServiceId
        AND t.GrainIdN0 = s.GrainIdN0 AND t.GrainIdN1 = s.GrainIdN1 AND t.GrainTypeString = s.GrainTypeString
        AND t.GrainIdExtensionString IS NOT DISTINCT FROM s.GrainIdExtensionString
        """;

    // Generous: a large file is one COPY per table.
    private const int PostgreSqlCommandTimeoutSeconds = 600;

    /// <summary>Copies every grain state and reminder row of <paramref name="sqliteFile"/> into the target.</summary>
    /// <param name="sqliteFile">The node's database file. No node may be running on it (the caller checks the lock).</param>
    /// <param name="postgreSqlConnectionString">The target database; it must exist, its schema is created or brought up to date.</param>
    /// <param name="overwrite">Copy even when the target has rows of the same service ids, replacing rows with the same identity.</param>
    /// <param name="logger">Receives the migration runner's messages.</param>
    /// <param name="ct">Cancels the copy; the target then keeps what it had.</param>
    /// <exception cref="InvalidOperationException">The file is missing or not a node database, or the target cannot be reached.</exception>
    public static async Task<SqliteCopyResult> CopyAsync(
        string sqliteFile, string postgreSqlConnectionString, bool overwrite, ILogger logger, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sqliteFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(postgreSqlConnectionString);
        ArgumentNullException.ThrowIfNull(logger);
        if (!File.Exists(sqliteFile))
        {
            throw new InvalidOperationException($"There is no SQLite database at {sqliteFile}.");
        }

        var target = new NpgsqlConnectionStringBuilder(postgreSqlConnectionString)
        {
            CommandTimeout = PostgreSqlCommandTimeoutSeconds,
        };

        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = sqliteFile,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ConnectionString);
        await source.OpenAsync(ct);
        // One read transaction (deferred: a read-only file cannot take the write lock): both tables come from the
        // same snapshot of the file.
        await using var snapshot = source.BeginTransaction(deferred: true);
        await CheckSqliteTablesAsync(snapshot, sqliteFile, ct);
        var serviceIds = await ReadServiceIdsAsync(snapshot, ct);

        await using var connection = await OpenTargetAsync(target, ct);
        await MigrationRunner.ApplyAsync(DatabaseDialect.PostgreSql, target.ConnectionString, logger, ct);

        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Nodes writing to the target meanwhile would race the copy; SHARE ROW EXCLUSIVE lets them read but not write
        // until the copy commits, and makes a second copier wait for this one.
        await ExecuteAsync(connection, "LOCK TABLE OrleansStorage, OrleansRemindersTable IN SHARE ROW EXCLUSIVE MODE", ct);
        var existingGrainStates = await CountAsync(connection, "SELECT count(*) FROM OrleansStorage WHERE ServiceId = ANY(@ids)", serviceIds, ct);
        var existingReminders = await CountAsync(connection, "SELECT count(*) FROM OrleansRemindersTable WHERE ServiceId = ANY(@ids)", serviceIds, ct);
        if ((existingGrainStates > 0 || existingReminders > 0) && !overwrite)
        {
            await transaction.RollbackAsync(ct);
            return new SqliteCopyResult(false, serviceIds, 0, 0, existingGrainStates, existingReminders, 0, 0);
        }

        await ExecuteAsync(connection, """
            CREATE TEMP TABLE copy_storage (LIKE OrleansStorage) ON COMMIT DROP;
            CREATE TEMP TABLE copy_reminders (LIKE OrleansRemindersTable) ON COMMIT DROP;
            """, ct);
        var grainStates = await CopyGrainStatesAsync(snapshot, connection, ct);
        var reminders = await CopyRemindersAsync(snapshot, connection, ct);

        var replacedGrainStates = await CountAsync(
            connection, $"SELECT count(*) FROM copy_storage s JOIN OrleansStorage t ON {SameStorageRow}", null, ct);
        var replacedReminders = await CountAsync(
            connection,
            "SELECT count(*) FROM copy_reminders s JOIN OrleansRemindersTable t USING (ServiceId, GrainId, ReminderName)",
            null,
            ct);

        await ExecuteAsync(connection, $"""
            INSERT INTO OrleansStorage ({StorageColumns})
            SELECT {StorageColumns} FROM copy_storage
            ON CONFLICT ({StorageIdentity}) DO UPDATE
            SET PayloadBinary = excluded.PayloadBinary,
              ModifiedOn = excluded.ModifiedOn,
              Version = excluded.Version;

            INSERT INTO OrleansRemindersTable ({ReminderColumns})
            SELECT {ReminderColumns} FROM copy_reminders
            ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
            SET StartTime = excluded.StartTime,
              Period = excluded.Period,
              GrainHash = excluded.GrainHash,
              Version = excluded.Version;
            """, ct);
        await transaction.CommitAsync(ct);

        return new SqliteCopyResult(
            true, serviceIds, grainStates, reminders, existingGrainStates, existingReminders, replacedGrainStates, replacedReminders);
    }

    private static async Task<NpgsqlConnection> OpenTargetAsync(NpgsqlConnectionStringBuilder target, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(target.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"Cannot connect to PostgreSQL at {target.Host}:{target.Port} (database '{target.Database}', user '{target.Username}'): {ex.Message}. " +
                "Check that the server runs, that the database exists and that the connection string is right.", ex);
        }
    }

    /// <summary>
    /// Refuses a file that is not a node database, or that has tables this copier does not know: copying would
    /// silently leave their data behind.
    /// </summary>
    private static async Task CheckSqliteTablesAsync(SqliteTransaction snapshot, string sqliteFile, CancellationToken ct)
    {
        await using var command = SourceCommand(snapshot);
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var missing = CopiedTables
            .Where(t => !tables.Contains(t, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{sqliteFile} is not a node database: it has no {string.Join(" or ", missing)} table. " +
                "Point Storage:SqlitePath at the file the node uses (or start that node once so it creates its schema).");
        }

        var unknown = tables.Where(t => !KnownSqliteTables.Contains(t)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{sqliteFile} has tables this build does not know how to copy: {string.Join(", ", unknown)}. " +
                "It was probably written by a newer build; copy it with that build.");
        }
    }

    private static async Task<IReadOnlyList<string>> ReadServiceIdsAsync(SqliteTransaction snapshot, CancellationToken ct)
    {
        await using var command = SourceCommand(snapshot);
        command.CommandText = """
            SELECT ServiceId FROM OrleansStorage
            UNION
            SELECT ServiceId FROM OrleansRemindersTable
            ORDER BY ServiceId
            """;
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task<long> CopyGrainStatesAsync(SqliteTransaction snapshot, NpgsqlConnection target, CancellationToken ct)
    {
        await using var command = SourceCommand(snapshot);
        command.CommandText = $"SELECT {StorageColumns} FROM OrleansStorage";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await using var importer = await target.BeginBinaryImportAsync(
            $"COPY copy_storage ({StorageColumns}) FROM STDIN (FORMAT BINARY)", ct);
        while (await reader.ReadAsync(ct))
        {
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(Int32(reader, 0), NpgsqlDbType.Integer, ct);
            await importer.WriteAsync(reader.GetInt64(1), NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(reader.GetInt64(2), NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(Int32(reader, 3), NpgsqlDbType.Integer, ct);
            await importer.WriteAsync(reader.GetString(4), NpgsqlDbType.Text, ct);
            await WriteNullableAsync(importer, reader.IsDBNull(5) ? null : reader.GetString(5), NpgsqlDbType.Text, ct);
            await importer.WriteAsync(reader.GetString(6), NpgsqlDbType.Text, ct);
            await WriteNullableAsync(importer, reader.IsDBNull(7) ? null : (byte[])reader.GetValue(7), NpgsqlDbType.Bytea, ct);
            await importer.WriteAsync(UtcTimestamp(reader, 8), NpgsqlDbType.TimestampTz, ct);
            await importer.WriteAsync(Int32(reader, 9), NpgsqlDbType.Integer, ct);
        }

        return (long)await importer.CompleteAsync(ct);
    }

    private static async Task<long> CopyRemindersAsync(SqliteTransaction snapshot, NpgsqlConnection target, CancellationToken ct)
    {
        await using var command = SourceCommand(snapshot);
        command.CommandText = $"SELECT {ReminderColumns} FROM OrleansRemindersTable";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await using var importer = await target.BeginBinaryImportAsync(
            $"COPY copy_reminders ({ReminderColumns}) FROM STDIN (FORMAT BINARY)", ct);
        while (await reader.ReadAsync(ct))
        {
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(reader.GetString(0), NpgsqlDbType.Text, ct);
            await importer.WriteAsync(reader.GetString(1), NpgsqlDbType.Text, ct);
            await importer.WriteAsync(reader.GetString(2), NpgsqlDbType.Text, ct);
            await importer.WriteAsync(UtcTimestamp(reader, 3), NpgsqlDbType.TimestampTz, ct);
            await importer.WriteAsync(reader.GetInt64(4), NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(Int32(reader, 5), NpgsqlDbType.Integer, ct);
            await importer.WriteAsync(Int32(reader, 6), NpgsqlDbType.Integer, ct);
        }

        return (long)await importer.CompleteAsync(ct);
    }

    private static SqliteCommand SourceCommand(SqliteTransaction snapshot)
    {
        var command = snapshot.Connection!.CreateCommand();
        command.Transaction = snapshot;
        return command;
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : class
    {
        if (value is null)
        {
            await importer.WriteNullAsync(ct);
        }
        else
        {
            await importer.WriteAsync(value, type, ct);
        }
    }

    /// <summary>SQLite integers are 64-bit; a value that does not fit the 32-bit PostgreSQL column is an error, not a wrap.</summary>
    private static int Int32(SqliteDataReader reader, int ordinal)
    {
        var value = reader.GetInt64(ordinal);
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new InvalidOperationException(
                $"Column {reader.GetName(ordinal)} holds {value}, which does not fit the 32-bit integer column in PostgreSQL.");
    }

    /// <summary>
    /// SQLite keeps timestamps as text: <c>CURRENT_TIMESTAMP</c> writes <c>yyyy-MM-dd HH:mm:ss</c> in UTC, and
    /// Microsoft.Data.Sqlite writes a DateTime with fractions and, for a DateTimeOffset, an offset. Text without an
    /// offset is UTC in both cases; timestamptz needs a UTC DateTime.
    /// </summary>
    private static DateTime UtcTimestamp(SqliteDataReader reader, int ordinal)
    {
        var text = reader.GetString(ordinal);
        return DateTime.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new InvalidOperationException($"Column {reader.GetName(ordinal)} holds '{text}', which is not a timestamp.");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, IReadOnlyList<string>? serviceIds, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (serviceIds is not null)
        {
            command.Parameters.AddWithValue("ids", serviceIds.ToArray());
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
