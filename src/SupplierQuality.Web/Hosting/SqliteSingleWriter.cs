using Orleans.Storage;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// Lets one grain state write at a time into the embedded SQLite file, in arrival order. SQLite has one writer; when
/// two connections collide, Microsoft.Data.Sqlite sleeps 150 ms and tries again, so many grains writing at once spent
/// most of their time asleep (slow grain turns in exact 150 ms steps). Queued here instead, each write waits only for
/// the writes before it. Reads go straight through: in WAL mode they do not wait for the writer.
/// </summary>
internal sealed class SqliteSingleWriter(IGrainStorage storage) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Wraps the ADO.NET grain storage registered under <paramref name="name"/>, keeping its name and lifecycle.</summary>
    public static void Wrap(IServiceCollection services, string name)
    {
        var registered = services.Single(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name));
        var create = registered.KeyedImplementationFactory!;
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new SqliteSingleWriter((IGrainStorage)create(sp, key)));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        storage.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.WaitAsync();
        try
        {
            await storage.WriteStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.WaitAsync();
        try
        {
            await storage.ClearStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Participate(ISiloLifecycle lifecycle) => ((ILifecycleParticipant<ISiloLifecycle>)storage).Participate(lifecycle);

    public void Dispose() => _writer.Dispose();
}
