using SupplierQuality.Storage;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// Says where data lives, takes the single-node lock of an SQLite file and applies the schema. Registered before
/// the silo, so the Orleans providers find their tables when the silo starts.
/// </summary>
internal sealed class StorageStartupService(NodeStorage storage, ILogger<StorageStartupService> logger) : IHostedService, IDisposable
{
    private SqliteFileLock? _fileLock;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.SqliteFile is { } file)
        {
            _fileLock = SqliteFileLock.Acquire(file);
        }

        if (storage.Provider == StorageProvider.Memory)
        {
            logger.LogWarning("Data is kept in {Storage}", storage.Describe());
            return;
        }

        logger.LogInformation("Data is kept in {Storage}", storage.Describe());
        var applied = await MigrationRunner.ApplyAsync(storage.Dialect!.Value, storage.ConnectionString!, logger, cancellationToken);
        logger.LogInformation("Database schema is current ({Count} migrations applied now)", applied.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Released when the host is disposed, after the silo has stopped writing.
    public void Dispose() => _fileLock?.Dispose();
}
