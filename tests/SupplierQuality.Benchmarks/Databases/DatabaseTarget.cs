using System.Data.Common;
using SupplierQuality.Storage;

namespace SupplierQuality.Benchmarks.Databases;

/// <summary>
/// One database under test: a folder of SQLite files or a PostgreSQL server. It holds three separate databases, so
/// the scenarios do not see each other's rows: the node's, the raw inserts', and the in-process provider's.
/// </summary>
internal abstract class DatabaseTarget : IAsyncDisposable
{
    /// <summary>The size of a raw row: the grain state of a supplier with a few contacts, as the provider serialized it.</summary>
    public const int RawPayloadBytes = 788;

    protected const string RawTable = "bench_raw_insert";

    /// <summary>"SQLite" or "PostgreSQL", as the table shows it.</summary>
    public abstract string Name { get; }

    public abstract DatabaseDialect Dialect { get; }

    /// <summary>The provider scenario's own database (the project's schema is applied to it there).</summary>
    public abstract string ProviderConnectionString { get; }

    /// <summary>What the node needs to use this database, as configuration keys.</summary>
    public abstract IReadOnlyDictionary<string, string?> NodeSettings { get; }

    /// <summary>A new, closed connection to the raw inserts' database (pooled, as the node's are).</summary>
    public abstract DbConnection RawConnection();

    /// <summary>One durable single-row insert, on an open connection.</summary>
    public abstract DbCommand RawInsert(DbConnection connection, int writer, byte[] payload);

    /// <summary>Makes the raw table and says what the database is: version and durability settings.</summary>
    public abstract Task<string> PrepareRawAsync(CancellationToken cancellationToken);

    /// <summary>CPU time of the database server's processes so far; null when it runs in the node (SQLite) or elsewhere.</summary>
    public abstract TimeSpan? ServerCpu();

    public abstract ValueTask DisposeAsync();

    public static async Task<DatabaseTarget?> StartAsync(string kind, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return kind == "sqlite"
            ? SqliteTarget.Create(options.WorkDirectory)
            : await PostgresTarget.StartAsync(options, cancellationToken);
    }

    protected static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected static async Task<string?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected static void AddParameter(DbCommand command, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
