using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Orleans.TestingHost;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Storage;

namespace SupplierQuality.Integration.Tests.Storage;

/// <summary>
/// What the node relies on from the Orleans ADO.NET grain storage and reminder table, checked against the
/// project's own schema in each dialect (one derived class per dialect).
/// </summary>
public abstract class StorageContractTests
{
    private const string StorageName = "Default";
    private const string GrainType = "storage-contract";
    private static readonly TimeSpan ReminderTimeout = TimeSpan.FromSeconds(30);

    protected abstract DatabaseDialect Dialect { get; }

    /// <summary>A fresh, empty database of this dialect.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    [Fact]
    public async Task Grain_state_is_kept_across_deactivation_and_restart_until_cleared()
    {
        var connectionString = await CreateMigratedDatabaseAsync();
        var serviceId = NewServiceId();
        var key = Guid.NewGuid().ToString("N");

        await using (var cluster = await StartClusterAsync(connectionString, serviceId))
        {
            var grain = cluster.Client.GetGrain<IStorageProbeGrain>(key);
            await grain.SetAsync("first");
            await grain.SetAsync("second");
            await cluster.DeactivateAsync(grain);

            Assert.Equal("second", await grain.GetAsync());
        }

        await using (var cluster = await StartClusterAsync(connectionString, serviceId))
        {
            var grain = cluster.Client.GetGrain<IStorageProbeGrain>(key);
            Assert.Equal("second", await grain.GetAsync());

            await grain.ClearAsync();
            await cluster.DeactivateAsync(grain);

            Assert.Null(await grain.GetAsync());
            await grain.SetAsync("after clear");
            await cluster.DeactivateAsync(grain);
            Assert.Equal("after clear", await grain.GetAsync());
        }
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_with_InconsistentStateException()
    {
        await using var cluster = await StartClusterAsync(await CreateMigratedDatabaseAsync(), NewServiceId());
        var storage = GrainStorage(cluster);
        var grainId = NewGrainId();

        var first = await ReadAsync(storage, grainId);
        var second = await ReadAsync(storage, grainId);
        first.State = new ProbeState { Value = "first" };
        await storage.WriteStateAsync(GrainType, grainId, first);

        // Both read "no state"; the second insert must not overwrite the first.
        second.State = new ProbeState { Value = "second" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, grainId, second));

        var stale = await ReadAsync(storage, grainId);
        first.State = new ProbeState { Value = "first, again" };
        await storage.WriteStateAsync(GrainType, grainId, first);
        stale.State = new ProbeState { Value = "stale" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, grainId, stale));

        var stored = await ReadAsync(storage, grainId);
        Assert.Equal("first, again", stored.State?.Value);
        Assert.Equal(first.ETag, stored.ETag);
        Assert.NotEqual(stale.ETag, stored.ETag);
    }

    [Fact]
    public async Task Of_several_writers_racing_from_the_same_etag_exactly_one_wins()
    {
        await using var cluster = await StartClusterAsync(await CreateMigratedDatabaseAsync(), NewServiceId());
        var storage = GrainStorage(cluster);
        var grainId = NewGrainId();

        // First the race to create the row, then the race to update it.
        foreach (var round in new[] { "insert", "update" })
        {
            var etag = (await ReadAsync(storage, grainId)).ETag;
            var writers = Enumerable.Range(0, 6)
                .Select(i => new GrainState<ProbeState>(new ProbeState { Value = $"{round} {i}" }) { ETag = etag })
                .ToList();

            var outcomes = await Task.WhenAll(writers.Select(async writer =>
            {
                try
                {
                    await storage.WriteStateAsync(GrainType, grainId, writer);
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false;
                }
            }));

            var winner = Assert.Single(writers.Where((_, i) => outcomes[i]));
            var stored = await ReadAsync(storage, grainId);
            Assert.Equal(winner.State?.Value, stored.State?.Value);
            Assert.Equal(winner.ETag, stored.ETag);
        }
    }

    [Fact]
    public async Task Clearing_state_forgets_it_and_a_stale_clear_is_rejected()
    {
        await using var cluster = await StartClusterAsync(await CreateMigratedDatabaseAsync(), NewServiceId());
        var storage = GrainStorage(cluster);
        var grainId = NewGrainId();

        var state = await ReadAsync(storage, grainId);
        state.State = new ProbeState { Value = "to be cleared" };
        await storage.WriteStateAsync(GrainType, grainId, state);
        var stale = await ReadAsync(storage, grainId);

        await storage.ClearStateAsync(GrainType, grainId, state);

        Assert.False(state.RecordExists);
        Assert.NotEqual(stale.ETag, state.ETag);
        var cleared = await ReadAsync(storage, grainId);
        Assert.False(cleared.RecordExists);
        Assert.Null(cleared.State?.Value);
        Assert.Equal(state.ETag, cleared.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, grainId, stale));

        cleared.State = new ProbeState { Value = "written after the clear" };
        await storage.WriteStateAsync(GrainType, grainId, cleared);
        Assert.Equal("written after the clear", (await ReadAsync(storage, grainId)).State?.Value);
    }

    [Fact]
    public async Task A_reminder_fires_and_is_picked_up_again_after_a_restart()
    {
        var connectionString = await CreateMigratedDatabaseAsync();
        var serviceId = NewServiceId();
        var key = Guid.NewGuid().ToString("N");

        await using (var cluster = await StartClusterAsync(connectionString, serviceId))
        {
            await cluster.Client.GetGrain<IStorageProbeGrain>(key).StartReminderAsync(TimeSpan.FromSeconds(1));
            await ReminderTicks.WaitForTickAsync(key, ReminderTimeout);
        }

        ReminderTicks.Reset(key);

        // Nothing calls the grain now: only the reminder table can bring it back to life.
        await using (var cluster = await StartClusterAsync(connectionString, serviceId))
        {
            await ReminderTicks.WaitForTickAsync(key, ReminderTimeout);

            var grain = cluster.Client.GetGrain<IStorageProbeGrain>(key);
            await grain.StopReminderAsync();
            Assert.False(await grain.HasReminderAsync());
        }
    }

    private async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        await MigrationRunner.ApplyAsync(Dialect, connectionString, NullLogger.Instance, TestContext.Current.CancellationToken);
        return connectionString;
    }

    private async Task<InProcessTestCluster> StartClusterAsync(string connectionString, string serviceId)
    {
        var invariant = MigrationRunner.OrleansInvariant(Dialect);
        var builder = new InProcessTestClusterBuilder(1);
        // The service id, not the cluster id, scopes grain state and reminders: a restarted cluster must share it.
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAdoNetGrainStorage(StorageName, o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
            });
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });

        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    private static IGrainStorage GrainStorage(InProcessTestCluster cluster) =>
        cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageName);

    private static async Task<GrainState<ProbeState>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(GrainType, grainId, state);
        return state;
    }

    private static GrainId NewGrainId() => GrainId.Create("probe", Guid.NewGuid().ToString("N"));

    private static string NewServiceId() => $"storage-contract-{Guid.NewGuid():N}";
}

public sealed class SqliteStorageContractTests : StorageContractTests, IDisposable
{
    private readonly List<TemporarySqliteDatabase> _databases = [];

    protected override DatabaseDialect Dialect => DatabaseDialect.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        var database = new TemporarySqliteDatabase();
        _databases.Add(database);
        return Task.FromResult(database.ConnectionString);
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }
}

public sealed class PostgreSqlStorageContractTests(PostgresServer server) : StorageContractTests
{
    protected override DatabaseDialect Dialect => DatabaseDialect.PostgreSql;

    protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();
}
