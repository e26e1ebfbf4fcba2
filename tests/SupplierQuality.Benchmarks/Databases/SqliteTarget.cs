using System.Data.Common;
using Microsoft.Data.Sqlite;
using SupplierQuality.Storage;

namespace SupplierQuality.Benchmarks.Databases;

/// <summary>
/// The embedded default: SQLite files in a fresh folder of the work directory, on the disk the node would use. The
/// node gets its own file; raw inserts and the provider scenario get theirs beside it.
/// </summary>
internal sealed class SqliteTarget : DatabaseTarget
{
    private readonly DirectoryInfo _folder;

    private SqliteTarget(DirectoryInfo folder)
    {
        _folder = folder;
        RawConnectionString = ConnectionString(Path.Combine(folder.FullName, "raw", "raw.db"));
        ProviderConnectionString = ConnectionString(Path.Combine(folder.FullName, "provider", "provider.db"));
        NodeSettings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = Path.Combine(folder.FullName, "node", "supplierquality.db"),
        };
    }

    public override string Name => "SQLite";

    public override DatabaseDialect Dialect => DatabaseDialect.Sqlite;

    public override string ProviderConnectionString { get; }

    public override IReadOnlyDictionary<string, string?> NodeSettings { get; }

    private string RawConnectionString { get; }

    public static SqliteTarget Create(string workDirectory)
    {
        var folder = Directory.CreateDirectory(Path.Combine(workDirectory, $"sq-bench-sqlite-{Guid.NewGuid():N}"));
        foreach (var part in new[] { "raw", "provider", "node" })
        {
            folder.CreateSubdirectory(part);
        }

        return new SqliteTarget(folder);
    }

    public override DbConnection RawConnection() => new SqliteConnection(RawConnectionString);

    /// <summary>
    /// synchronous is a setting of the connection, not of the file: set with every insert, so each commit is flushed
    /// (FULL) whatever the pooled connection was set to before. Setting it costs no I/O.
    /// </summary>
    public override DbCommand RawInsert(DbConnection connection, int writer, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous = FULL; INSERT INTO {RawTable} (Writer, Payload) VALUES (@writer, @payload)";
        AddParameter(command, "writer", writer);
        AddParameter(command, "payload", payload);
        return command;
    }

    public override async Task<string> PrepareRawAsync(CancellationToken cancellationToken)
    {
        await using var connection = RawConnection();
        await connection.OpenAsync(cancellationToken);
        var journal = await ScalarAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
        await ExecuteAsync(connection, "PRAGMA synchronous = FULL", cancellationToken);
        await ExecuteAsync(connection, $"CREATE TABLE {RawTable} (Id INTEGER PRIMARY KEY, Writer INTEGER NOT NULL, Payload BLOB NOT NULL)", cancellationToken);
        var synchronous = await ScalarAsync(connection, "PRAGMA synchronous", cancellationToken);
        var version = await ScalarAsync(connection, "SELECT sqlite_version()", cancellationToken);
        return $"SQLite {version} (journal_mode {journal}, synchronous {(synchronous == "2" ? "FULL" : synchronous)}) in {_folder.FullName}";
    }

    public override TimeSpan? ServerCpu() => null;

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>Built the way the node builds its own: pooled, and a 30 s busy timeout.</summary>
    private static string ConnectionString(string file) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ConnectionString;
}
