namespace SupplierQuality.Web.Hosting;

/// <summary>
/// Holds an exclusive lock on a file beside the SQLite database for the life of the node, so a second
/// node pointed at the same file refuses to start instead of sharing (and corrupting) it.
/// </summary>
internal sealed class SqliteFileLock : IDisposable
{
    private readonly FileStream _stream;

    private SqliteFileLock(FileStream stream) => _stream = stream;

    public static SqliteFileLock Acquire(string databaseFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        var lockFile = databaseFile + ".lock";
        try
        {
            // FileShare.None takes an exclusive advisory lock on Unix, released by the OS if the process dies.
            var stream = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new SqliteFileLock(stream);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Another node is already using the SQLite database {databaseFile} (lock file {lockFile} is held). " +
                "The embedded database serves one node; stop the other node, point this one at another file " +
                "(Storage:SqlitePath), or move to PostgreSQL to run several nodes.", ex);
        }
    }

    public void Dispose() => _stream.Dispose();
}
