using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Tests.Suppliers;

public sealed class SupplierDirectoryTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    /// <summary>Creates suppliers in a category of their own, since the cluster is shared by all tests.</summary>
    private async Task<(string Category, List<Guid> Ids)> CreateSuppliersAsync(params (string Name, SupplierStatus Status)[] suppliers)
    {
        var category = "dir-" + Guid.NewGuid();
        var ids = new List<Guid>();
        foreach (var (name, status) in suppliers)
        {
            var id = Guid.NewGuid();
            var result = await _grains.GetGrain<ISupplierGrain>(id)
                .CreateAsync(new CreateSupplier(new SupplierProfile(name, category, null, status, [])));
            Assert.Equal(CommandOutcome.Created, result.Outcome);
            ids.Add(id);
        }

        return (category, ids);
    }

    private Task<IReadOnlyList<SupplierDirectoryEntry>> BucketAsync(Guid id) =>
        _grains.GetGrain<ISupplierDirectoryBucketGrain>(SupplierDirectory.BucketOf(id)).ReadAsync();

    private Task<SupplierPage> ListAsync(string category, string? q = null, SupplierStatus? status = null, int page = 1, int pageSize = 50) =>
        _grains.ListSuppliersAsync(new SupplierQuery(new SupplierFilter(category, q, status), page, pageSize));

    [Fact]
    public async Task Pages_merge_every_shard_in_name_order_without_gaps_or_overlaps()
    {
        var names = Enumerable.Range(0, 25).Select(i => $"Supplier {i:D2}").Reverse().ToArray();
        var (category, ids) = await CreateSuppliersAsync([.. names.Select(n => (n, SupplierStatus.Active))]);
        Assert.True(ids.Select(SupplierDirectory.ShardOf).Distinct().Count() > 5);

        var pages = new[] { await ListAsync(category, pageSize: 10), await ListAsync(category, page: 2, pageSize: 10), await ListAsync(category, page: 3, pageSize: 10) };

        Assert.All(pages, p => Assert.Equal(25, p.Total));
        Assert.Equal([10, 10, 5], pages.Select(p => p.Items.Count));
        Assert.Equal(names.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Items).Select(e => e.Name));
        Assert.Empty((await ListAsync(category, page: 4, pageSize: 10)).Items);
    }

    [Fact]
    public async Task Filters_match_category_ignoring_case_part_of_the_name_and_status()
    {
        var (category, _) = await CreateSuppliersAsync(
            ("Nordic Steel", SupplierStatus.Active),
            ("Steelworks Ltd", SupplierStatus.Inactive),
            ("Plastics Inc", SupplierStatus.Active));

        Assert.Equal(3, (await ListAsync(category.ToUpperInvariant())).Total);
        Assert.Equal(["Nordic Steel", "Steelworks Ltd"], (await ListAsync(category, q: "STEEL")).Items.Select(e => e.Name));
        Assert.Equal(["Nordic Steel"], (await ListAsync(category, q: "steel", status: SupplierStatus.Active)).Items.Select(e => e.Name));
        Assert.Equal(0, (await ListAsync(category, q: "wood")).Total);
    }

    [Fact]
    public async Task Suppliers_with_the_same_name_are_ordered_by_id()
    {
        var (category, ids) = await CreateSuppliersAsync(("Twin", SupplierStatus.Active), ("Twin", SupplierStatus.Active), ("twin", SupplierStatus.Active));

        var listed = (await ListAsync(category)).Items;

        Assert.Equal("Twin", listed[0].Name);
        Assert.Equal(ids.Take(2).Order(), listed.Take(2).Select(e => e.Id));
        Assert.Equal("twin", listed[2].Name);
    }

    [Fact]
    public async Task An_entry_never_goes_back_to_an_older_version()
    {
        var category = "dir-" + Guid.NewGuid();
        var id = Guid.NewGuid();

        await _grains.PublishAsync([new SupplierDirectoryEntry(id, "Newer", category, SupplierStatus.Active, 2)]);
        await _grains.PublishAsync([new SupplierDirectoryEntry(id, "Older", category, SupplierStatus.Active, 1)]);
        await _grains.PublishAsync([new SupplierDirectoryEntry(id, "Same version again", category, SupplierStatus.Active, 2)]);

        Assert.Equal("Newer", Assert.Single((await ListAsync(category)).Items).Name);
        Assert.Equal("Newer", Assert.Single(await BucketAsync(id), e => e.Id == id).Name);
    }

    [Fact]
    public async Task A_supplier_is_stored_in_its_bucket_only()
    {
        var (category, ids) = await CreateSuppliersAsync(("Bucketed", SupplierStatus.Active));
        var bucket = SupplierDirectory.BucketOf(ids[0]);

        var holding = new List<int>();
        foreach (var b in SupplierDirectory.BucketsOf(SupplierDirectory.ShardOf(ids[0])))
        {
            if ((await _grains.GetGrain<ISupplierDirectoryBucketGrain>(b).ReadAsync()).Any(e => e.Id == ids[0]))
            {
                holding.Add(b);
            }
        }

        Assert.Equal([bucket], holding);
    }

    [Fact]
    public async Task A_shard_reads_its_entries_back_from_the_buckets_after_deactivation()
    {
        var (category, ids) = await CreateSuppliersAsync(("Kept", SupplierStatus.Inactive), ("Also kept", SupplierStatus.Active));

        foreach (var id in ids)
        {
            await fixture.Cluster.DeactivateAsync(_grains.GetGrain<ISupplierDirectoryGrain>(SupplierDirectory.ShardOf(id)));
            await fixture.Cluster.DeactivateAsync(_grains.GetGrain<ISupplierDirectoryBucketGrain>(SupplierDirectory.BucketOf(id)));
        }

        Assert.Equal(
            [new SupplierDirectoryEntry(ids[1], "Also kept", category, SupplierStatus.Active, 1), new SupplierDirectoryEntry(ids[0], "Kept", category, SupplierStatus.Inactive, 1)],
            (await ListAsync(category)).Items);
    }

    [Fact]
    public async Task The_query_helper_counts_every_match_and_returns_the_first_in_list_order()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"Query {i:D2}").Reverse().ToArray();
        var (category, _) = await CreateSuppliersAsync([.. names.Select((n, i) => (n, i % 3 == 0 ? SupplierStatus.Inactive : SupplierStatus.Active))]);

        var first = await _grains.QuerySuppliersAsync(new SupplierFilter(category, null, SupplierStatus.Active), take: 4);
        var all = await _grains.QuerySuppliersAsync(new SupplierFilter(category, null, null));

        Assert.Equal(20, first.Total);
        Assert.Equal(["Query 00", "Query 01", "Query 03", "Query 04"], first.First.Select(e => e.Name));
        Assert.Equal(30, all.Total);
        Assert.Equal(names.Order(StringComparer.Ordinal), all.First.Select(e => e.Name));
    }

    [Fact]
    public async Task Categories_in_use_are_listed_once_each()
    {
        var (category, _) = await CreateSuppliersAsync(("One", SupplierStatus.Active), ("Two", SupplierStatus.Active));

        var categories = await _grains.ListSupplierCategoriesAsync();

        Assert.Single(categories, c => c == category);
    }
}
