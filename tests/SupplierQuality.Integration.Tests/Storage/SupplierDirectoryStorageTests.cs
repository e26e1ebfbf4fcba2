using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Storage;

/// <summary>
/// Suppliers and a supplier list stored by the release before directory buckets (16 shards, each holding its whole
/// share of the list), read by this one through the node's real grain storage, on each database.
/// </summary>
public sealed class SupplierDirectoryStorageTests(PostgresServer postgres)
{
    private static readonly Guid Nordic = Guid.Parse("00000000-0000-0000-0000-000000000003");
    private static readonly Guid Baltic = Guid.Parse("00000000-0000-0000-0000-000000000013");
    private static readonly Guid Erp = SupplierIds.FromExternalId("ERP-OLD-1");

    /// <summary>
    /// Grain state as that release stored it (copied from its SQLite file), by grain id (integer keys in hex) and state name.
    /// </summary>
    private static readonly (string GrainId, string StateName, string Json)[] OldRows =
    [
        ("supplierdirectory/3", "directory", """{"$id":"1","$type":"SupplierQuality.Grains.Suppliers.SupplierDirectoryState, SupplierQuality.Grains","Entries":{"$id":"2","$type":"System.Collections.Generic.Dictionary`2[[System.Guid, System.Private.CoreLib],[SupplierQuality.Grains.Suppliers.SupplierDirectoryEntry, SupplierQuality.Grains]], System.Private.CoreLib","00000000-0000-0000-0000-000000000003":{"$id":"3","$type":"SupplierQuality.Grains.Suppliers.SupplierDirectoryEntry, SupplierQuality.Grains","Id":"00000000-0000-0000-0000-000000000003","Name":"Nordic Steel","Category":"Castings","Version":1},"00000000-0000-0000-0000-000000000013":{"$id":"4","$type":"SupplierQuality.Grains.Suppliers.SupplierDirectoryEntry, SupplierQuality.Grains","Id":"00000000-0000-0000-0000-000000000013","Name":"Baltic Bolts AB","Status":1,"Version":2}}}"""),
        ("supplierdirectory/F", "directory", """{"$id":"1","$type":"SupplierQuality.Grains.Suppliers.SupplierDirectoryState, SupplierQuality.Grains","Entries":{"$id":"2","$type":"System.Collections.Generic.Dictionary`2[[System.Guid, System.Private.CoreLib],[SupplierQuality.Grains.Suppliers.SupplierDirectoryEntry, SupplierQuality.Grains]], System.Private.CoreLib","1d545184-9c9f-83a0-92df-c43bfd3b7790":{"$id":"3","$type":"SupplierQuality.Grains.Suppliers.SupplierDirectoryEntry, SupplierQuality.Grains","Id":"1d545184-9c9f-83a0-92df-c43bfd3b7790","Name":"Old ERP Supplier","Category":"Plastics","Version":1}}}"""),
        ($"supplier/{Nordic:N}", "supplier", """{"$id":"1","$type":"SupplierQuality.Grains.Suppliers.SupplierState, SupplierQuality.Grains","Version":1,"Name":"Nordic Steel","Category":"Castings","Contacts":{"$type":"System.Collections.Generic.List`1[[SupplierQuality.Grains.Suppliers.SupplierContact, SupplierQuality.Grains]], System.Private.CoreLib","$values":[{"$id":"2","$type":"SupplierQuality.Grains.Suppliers.SupplierContact, SupplierQuality.Grains","Name":"Ann Lee","Email":"ann@nordic.example"}]},"CreatedAt":"2026-12-02T08:12:17.6456428+00:00","UpdatedAt":"2026-12-02T08:12:17.6456428+00:00","Undeliverable":{"$id":"3","$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.String, System.Private.CoreLib]], System.Private.CoreLib"}}"""),
        ($"supplier/{Baltic:N}", "supplier", """{"$id":"1","$type":"SupplierQuality.Grains.Suppliers.SupplierState, SupplierQuality.Grains","Version":2,"Name":"Baltic Bolts AB","Status":1,"Contacts":{"$type":"System.Collections.Generic.List`1[[SupplierQuality.Grains.Suppliers.SupplierContact, SupplierQuality.Grains]], System.Private.CoreLib","$values":[]},"CreatedAt":"2026-12-02T08:12:17.6746683+00:00","UpdatedAt":"2026-12-02T08:12:17.6807372+00:00","Undeliverable":{"$id":"2","$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.String, System.Private.CoreLib]], System.Private.CoreLib"}}"""),
        ($"supplier/{Erp:N}", "supplier", """{"$id":"1","$type":"SupplierQuality.Grains.Suppliers.SupplierState, SupplierQuality.Grains","Version":1,"Name":"Old ERP Supplier","Category":"Plastics","ExternalId":"ERP-OLD-1","Contacts":{"$type":"System.Collections.Generic.List`1[[SupplierQuality.Grains.Suppliers.SupplierContact, SupplierQuality.Grains]], System.Private.CoreLib","$values":[{"$id":"2","$type":"SupplierQuality.Grains.Suppliers.SupplierContact, SupplierQuality.Grains","Email":"buyer@erp.example"}]},"CreatedAt":"2026-12-02T08:12:17.6870879+00:00","UpdatedAt":"2026-12-02T08:12:17.6870879+00:00","Undeliverable":{"$id":"3","$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.String, System.Private.CoreLib]], System.Private.CoreLib"}}"""),
    ];

    private static readonly SupplierDirectoryEntry[] Listed =
    [
        new(Baltic, "Baltic Bolts AB", null, SupplierStatus.Inactive, 2),
        new(Nordic, "Nordic Steel", "Castings", SupplierStatus.Active, 1),
        new(Erp, "Old ERP Supplier", "Plastics", SupplierStatus.Active, 1),
    ];

    [Fact]
    public async Task A_supplier_list_stored_before_buckets_is_listed_and_moved_into_buckets_on_the_embedded_database()
    {
        using var database = new TemporarySqliteDatabase();
        await ListStoredBeforeBucketsIsReadAsync(new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = database.FilePath });
    }

    [Fact]
    public async Task A_supplier_list_stored_before_buckets_is_listed_and_moved_into_buckets_on_postgresql()
    {
        postgres.RequireAvailable();
        await ListStoredBeforeBucketsIsReadAsync(await postgres.NodeSettingsAsync());
    }

    private static async Task ListStoredBeforeBucketsIsReadAsync(Dictionary<string, string?> settings)
    {
        await using (var old = await TestNode.StartAsync(settings))
        {
            // The shards' grain ids are the old ones: the type name must not have moved.
            Assert.Equal(
                ["supplierdirectory/3", "supplierdirectory/F"],
                new[] { 3, 15 }.Select(shard => old.Grains.GetGrain<ISupplierDirectoryGrain>(shard).GetGrainId().ToString()));
            await WriteOldRowsAsync(old);
        }

        await using (var node = await TestNode.StartAsync(settings))
        {
            Assert.Equal(Listed, (await node.Grains.QuerySuppliersAsync(SupplierFilter.Everyone)).First);
            Assert.Equal(["Castings", "Plastics"], await node.Grains.ListSupplierCategoriesAsync());
            var erp = await node.Grains.GetGrain<ISupplierGrain>(Erp).GetAsync();
            Assert.Equal(("Old ERP Supplier", "ERP-OLD-1", "buyer@erp.example", 1), (erp!.Name, erp.ExternalId, Assert.Single(erp.Contacts).Email, erp.Version));

            // Moved: each entry in its bucket, and the old shard's row emptied.
            foreach (var entry in Listed)
            {
                Assert.Contains(entry, await BucketAsync(node, entry.Id));
            }

            Assert.Empty((await ReadOldShardAsync(node, "supplierdirectory/3")).Entries);

            var renamed = await node.Grains.GetGrain<ISupplierGrain>(Nordic).UpdateAsync(
                new UpdateSupplier(1, new SupplierProfile("Nordic Steel Oy", "Castings", null, SupplierStatus.Active, [new("Ann Lee", "ann@nordic.example")])));
            Assert.Equal(CommandOutcome.Ok, renamed.Outcome);
        }

        // Read from the buckets alone now, with the change made after the move.
        await using var restarted = await TestNode.StartAsync(settings);
        Assert.Equal(
            ["Baltic Bolts AB", "Nordic Steel Oy", "Old ERP Supplier"],
            (await restarted.Grains.QuerySuppliersAsync(SupplierFilter.Everyone)).First.Select(e => e.Name));
    }

    private static async Task WriteOldRowsAsync(TestNode node)
    {
        var storage = node.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var serializer = node.Services.GetRequiredService<IGrainStorageSerializer>();
        foreach (var (grainId, stateName, json) in OldRows)
        {
            if (stateName == "directory")
            {
                var state = serializer.Deserialize<SupplierDirectoryState>(BinaryData.FromString(json));
                await storage.WriteStateAsync(stateName, GrainId.Parse(grainId, CultureInfo.InvariantCulture), new GrainState<SupplierDirectoryState>(state));
            }
            else
            {
                var state = serializer.Deserialize<SupplierState>(BinaryData.FromString(json));
                await storage.WriteStateAsync(stateName, GrainId.Parse(grainId, CultureInfo.InvariantCulture), new GrainState<SupplierState>(state));
            }
        }
    }

    private static async Task<SupplierDirectoryState> ReadOldShardAsync(TestNode node, string grainId)
    {
        var state = new GrainState<SupplierDirectoryState>(new SupplierDirectoryState());
        await node.Services.GetRequiredKeyedService<IGrainStorage>("Default").ReadStateAsync("directory", GrainId.Parse(grainId, CultureInfo.InvariantCulture), state);
        return state.State ?? new SupplierDirectoryState();
    }

    private static Task<IReadOnlyList<SupplierDirectoryEntry>> BucketAsync(TestNode node, Guid id) =>
        node.Grains.GetGrain<ISupplierDirectoryBucketGrain>(SupplierDirectory.BucketOf(id)).ReadAsync();
}
