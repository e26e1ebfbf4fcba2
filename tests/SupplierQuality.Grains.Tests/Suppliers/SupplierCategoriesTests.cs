using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Tests.Suppliers;

public sealed class SupplierCategoriesTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    /// <summary>A list of its own (the cluster is shared; the product uses key 0): seeded like it, changed alone.</summary>
    private ISupplierCategoriesGrain OwnList() => _grains.GetGrain<ISupplierCategoriesGrain>(Random.Shared.NextInt64(1, long.MaxValue));

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private async Task<Guid> CreateSupplierAsync(string? category)
    {
        var id = Guid.NewGuid();
        var result = await _grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(new SupplierProfile("Cat " + id.ToString("N")[..8], category, null, SupplierStatus.Active, [])));
        Assert.Equal(CommandOutcome.Created, result.Outcome);
        return id;
    }

    [Fact]
    public async Task The_list_is_seeded_once_from_the_categories_suppliers_use()
    {
        var used = Unique("Seeded");
        await CreateSupplierAsync(used);
        await CreateSupplierAsync(used.ToUpperInvariant());
        var list = OwnList();

        var first = await list.ListAsync();
        await CreateSupplierAsync(Unique("Later"));

        Assert.Single(first, c => string.Equals(c, used, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(first, await list.ListAsync());
    }

    [Fact]
    public async Task Adding_is_idempotent_in_any_case_and_keeps_the_list_sorted()
    {
        var list = OwnList();
        var name = Unique("aaa Castings");

        var created = await list.AddAsync($" {name} ");
        var again = await list.AddAsync(name.ToUpperInvariant());

        Assert.Equal((CommandOutcome.Created, CommandOutcome.Ok), (created.Outcome, again.Outcome));
        Assert.Single(again.Value!, c => c == name);
        Assert.Equal(again.Value!.Order(StringComparer.OrdinalIgnoreCase), again.Value!);
    }

    [Theory]
    [InlineData("", "Enter the category's name.")]
    [InlineData("=SUM(A1)", "The value starts with \"=\", so a spreadsheet would run it as a formula when the list is opened later. Remove the \"=\".")]
    public async Task A_bad_name_is_refused(string name, string message)
    {
        var result = await OwnList().AddAsync(name);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal([message], result.Errors["name"]);
    }

    [Fact]
    public async Task A_category_a_supplier_uses_cannot_be_removed()
    {
        var list = OwnList();
        var name = Unique("Used");
        await list.AddAsync(name);
        var supplier = await CreateSupplierAsync(name);

        var refused = await list.RemoveAsync(name);
        var details = (await _grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!;
        await _grains.GetGrain<ISupplierGrain>(supplier).UpdateAsync(new UpdateSupplier(details.Version, new SupplierProfile(details.Name, null, null, details.Status, [])));
        var removed = await list.RemoveAsync(name);

        Assert.Equal(CommandOutcome.Conflict, refused.Outcome);
        Assert.Equal($"1 supplier is in the category \"{name}\". Move them to another category first, or rename it.", refused.Message);
        Assert.Equal(CommandOutcome.Ok, removed.Outcome);
        Assert.DoesNotContain(name, removed.Value!);
    }

    [Fact]
    public async Task A_rename_moves_every_supplier_of_the_category_and_takes_the_old_name_off_the_list()
    {
        var from = Unique("Castngs");
        var to = Unique("Castings");
        Assert.Equal(CommandOutcome.Created, (await _grains.GetSupplierCategories().AddAsync(from)).Outcome);
        var suppliers = new[] { await CreateSupplierAsync(from), await CreateSupplierAsync(from), await CreateSupplierAsync(null) };

        var result = await _grains.RenameAsync(from, to);

        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        Assert.Contains(to, result.Value!);
        Assert.DoesNotContain(from, result.Value!);
        var categories = await Task.WhenAll(suppliers.Select(async id => (await _grains.GetGrain<ISupplierGrain>(id).GetAsync())!.Category));
        Assert.Equal(new string?[] { to, to, null }, categories.AsEnumerable());
        Assert.Equal(2, (await _grains.QuerySuppliersAsync(new SupplierFilter(to, null, null))).Total);
    }

    [Fact]
    public async Task Renaming_a_category_that_is_not_on_the_list_is_not_found() =>
        Assert.Equal(CommandOutcome.NotFound, (await _grains.RenameAsync(Unique("Nowhere"), "Anything")).Outcome);

    [Theory]
    [InlineData("Castngs", "Castings")]
    [InlineData("castings", null)]
    [InlineData("Plastics", "Plastic")]
    public void A_category_off_the_list_names_the_closest_ones(string given, string? suggested)
    {
        var (category, problem) = SupplierCategories.Check(given, ["Castings", "Fasteners", "Plastic"]);

        if (suggested is null)
        {
            Assert.Equal(("Castings", null), (category, problem));
        }
        else
        {
            Assert.Contains($"Did you mean '{suggested}'?", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_category_far_from_every_listed_one_suggests_none() =>
        Assert.Equal(
            "The category \"Electronics\" is not on the list of categories. Choose one from the list, or ask a quality manager to add it at /suppliers/categories.",
            SupplierCategories.Check("Electronics", ["Castings", "Fasteners"]).Problem);

    [Theory]
    [InlineData("castings", "Castings", false)]
    [InlineData("Electronics", "Electronics", true)]
    [InlineData("Plant", "Plant", true)]
    [InlineData("1a2b3c4d", "1a2b3c4d", true)]
    [InlineData("Tier 2", "Tier 2", true)]
    [InlineData("category-3", "category-3", true)]
    public void The_api_and_the_import_take_a_listed_category_in_its_spelling_and_a_distinct_new_one_as_new(string given, string category, bool isNew) =>
        Assert.Equal((category, null, isNew), SupplierCategories.Admit(given, ["Castings", "Fasteners", "Paint", "1a2b9f9f", "Tier 1", "category-2"]));

    [Theory]
    [InlineData("Castngs", "Castings")]
    [InlineData("Fastenres", "Fasteners")]
    [InlineData("Pant", "Paint")]
    [InlineData("Tir 1", "Tier 1")]
    public void The_api_and_the_import_refuse_a_category_a_slip_of_the_keys_from_a_listed_one(string given, string listed)
    {
        var (_, problem, isNew) = SupplierCategories.Admit(given, ["Castings", "Fasteners", "Paint", "Tier 1"]);

        Assert.False(isNew);
        Assert.Equal(
            $"The category \"{given}\" is not on the list of categories. Did you mean '{listed}'? A new category this close to a listed one is taken for a typing mistake: if it is meant, add it at /suppliers/categories first.",
            problem);
    }
}
