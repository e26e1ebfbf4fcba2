using Microsoft.Data.Sqlite;

namespace SupplierQuality.Integration.Tests.Storage;

/// <summary>A SQLite database file in a directory of its own, deleted (with its WAL files) on dispose.</summary>
public sealed class TemporarySqliteDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"sq-sqlite-{Guid.NewGuid():N}");

    public TemporarySqliteDatabase()
    {
        Directory.CreateDirectory(_directory);
        FilePath = Path.Combine(_directory, "test.db");
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

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary file is not worth failing a test for.
        }
    }
}
