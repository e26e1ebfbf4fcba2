namespace SupplierQuality.Integration.Tests.Infrastructure;

/// <summary>A fresh directory removed on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("sq-test-").FullName;
    }

    public string Path { get; }

    /// <summary>The settings of a node that keeps its data in an embedded SQLite file in this directory.</summary>
    public Dictionary<string, string?> SqliteNodeSettings() => new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = System.IO.Path.Combine(Path, "node.db"),
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection: the OS temp cleaner gets it.
        }
    }
}
