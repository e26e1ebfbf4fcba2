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
            Assert.Equal(SupplierOutcome.Created, result.Outcome);
            ids.Add(id);
        }

        return (category, ids);
    }

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
        var shard = _grains.ShardFor(id);

        await shard.UpsertAsync(new SupplierDirectoryEntry(id, "Newer", category, SupplierStatus.Active, 2));
        await shard.UpsertAsync(new SupplierDirectoryEntry(id, "Older", category, SupplierStatus.Active, 1));
        await shard.UpsertAsync(new SupplierDirectoryEntry(id, "Same version again", category, SupplierStatus.Active, 2));

        Assert.Equal("Newer", Assert.Single((await ListAsync(category)).Items).Name);
    }

    [Fact]
    public async Task A_shard_keeps_its_entries_across_deactivation()
    {
        var (category, ids) = await CreateSuppliersAsync(("Kept", SupplierStatus.Inactive));

        await fixture.Cluster.DeactivateAsync(_grains.ShardFor(ids[0]));

        Assert.Equal(
            new SupplierDirectoryEntry(ids[0], "Kept", category, SupplierStatus.Inactive, 1),
            Assert.Single((await ListAsync(category)).Items));
    }

    [Fact]
    public async Task Categories_in_use_are_listed_once_each()
    {
        var (category, _) = await CreateSuppliersAsync(("One", SupplierStatus.Active), ("Two", SupplierStatus.Active));

        var categories = await _grains.ListSupplierCategoriesAsync();

        Assert.Single(categories, c => c == category);
    }
}
