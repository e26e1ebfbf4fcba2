using Microsoft.Data.Sqlite;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Storage;

/// <summary>A SQLite database file in a directory of its own, deleted (with its WAL files) on dispose.</summary>
public sealed class TemporarySqliteDatabase : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public TemporarySqliteDatabase()
    {
        FilePath = Path.Combine(_directory.Path, "test.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath }.ConnectionString;
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open; release only this database's pool.
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _directory.Dispose();
    }
}
