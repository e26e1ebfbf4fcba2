using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Tests.Suppliers;

public sealed class SupplierGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private static SupplierProfile Profile(string name = "Acme Metals", string? category = "Castings", string? externalId = null) =>
        new(name, category, externalId, SupplierStatus.Active, [new("Ann Lee", "ann@acme.example")]);

    private ISupplierGrain NewSupplier() => _grains.GetGrain<ISupplierGrain>(Guid.NewGuid());

    private async Task<SupplierDirectoryEntry?> DirectoryEntryAsync(Guid id, string category)
    {
        var page = await _grains.ListSuppliersAsync(new SupplierQuery(new SupplierFilter(category, null, null)));
        return page.Items.SingleOrDefault(e => e.Id == id);
    }

    [Fact]
    public async Task A_created_supplier_can_be_read_back()
    {
        var supplier = NewSupplier();

        var result = await supplier.CreateAsync(new CreateSupplier(Profile(" Acme Metals ")));

        Assert.Equal(CommandOutcome.Created, result.Outcome);
        var details = await supplier.GetAsync();
        Assert.NotNull(details);
        Assert.Equal(result.Value, details);
        Assert.Equal((supplier.GetPrimaryKey(), "Acme Metals", "Castings", 1), (details.Id, details.Name, details.Category, details.Version));
        Assert.Equal("ann@acme.example", Assert.Single(details.Contacts).Email);
        Assert.Equal(details.CreatedAt, details.UpdatedAt);
    }

    [Fact]
    public async Task A_supplier_reads_back_whole_from_storage_after_deactivation()
    {
        var externalId = "ERP-" + Guid.NewGuid();
        var supplier = _grains.GetGrain<ISupplierGrain>(SupplierIds.FromExternalId(externalId));
        var profile = new SupplierProfile("Stored Ltd", "Bolts", externalId, SupplierStatus.Inactive, [new(null, "a@stored.example"), new("Bo", "b@stored.example")]);
        var created = (await supplier.CreateAsync(new CreateSupplier(profile))).Value;

        // Storage serializes state (JSON by default), so this is the round trip a restarted node makes.
        await fixture.Cluster.DeactivateAsync(supplier);

        Assert.Equal(created, await supplier.GetAsync());
        Assert.Equal(CommandOutcome.Ok, (await supplier.CreateAsync(new CreateSupplier(profile))).Outcome);
    }

    [Fact]
    public async Task An_unknown_supplier_reads_as_null() =>
        Assert.Null(await NewSupplier().GetAsync());

    [Fact]
    public async Task Creating_the_same_supplier_twice_changes_nothing()
    {
        var supplier = NewSupplier();
        var first = await supplier.CreateAsync(new CreateSupplier(Profile()));

        var second = await supplier.CreateAsync(new CreateSupplier(Profile()));

        Assert.Equal(CommandOutcome.Ok, second.Outcome);
        Assert.Equal(first.Value, second.Value);
    }

    [Fact]
    public async Task Creating_other_details_on_an_existing_id_conflicts_and_keeps_the_first()
    {
        var supplier = NewSupplier();
        var first = await supplier.CreateAsync(new CreateSupplier(Profile("Acme Metals")));

        var second = await supplier.CreateAsync(new CreateSupplier(Profile("Other Metals")));

        Assert.Equal(CommandOutcome.Conflict, second.Outcome);
        Assert.Equal(first.Value, second.Value);
        Assert.Equal("Acme Metals", (await supplier.GetAsync())!.Name);
    }

    [Fact]
    public async Task An_update_replaces_the_profile_and_moves_the_version_and_the_list_entry()
    {
        var category = "update-" + Guid.NewGuid();
        var supplier = NewSupplier();
        await supplier.CreateAsync(new CreateSupplier(Profile(category: category)));

        var result = await supplier.UpdateAsync(new UpdateSupplier(1, Profile("Acme Castings", category) with { Status = SupplierStatus.Inactive }));

        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        Assert.Equal((2, "Acme Castings", SupplierStatus.Inactive), (result.Value!.Version, result.Value.Name, result.Value.Status));
        Assert.True(result.Value.UpdatedAt >= result.Value.CreatedAt);
        Assert.Equal(
            new SupplierDirectoryEntry(supplier.GetPrimaryKey(), "Acme Castings", category, SupplierStatus.Inactive, 2),
            await DirectoryEntryAsync(supplier.GetPrimaryKey(), category));
    }

    [Fact]
    public async Task An_update_with_a_stale_version_conflicts_and_keeps_the_newer_profile()
    {
        var supplier = NewSupplier();
        await supplier.CreateAsync(new CreateSupplier(Profile()));
        await supplier.UpdateAsync(new UpdateSupplier(1, Profile("Second")));

        var stale = await supplier.UpdateAsync(new UpdateSupplier(1, Profile("Third")));

        Assert.Equal(CommandOutcome.Conflict, stale.Outcome);
        Assert.Equal((2, "Second"), (stale.Value!.Version, stale.Value.Name));
        Assert.Equal("Second", (await supplier.GetAsync())!.Name);
    }

    [Fact]
    public async Task A_retried_update_that_already_applied_succeeds_without_a_new_version()
    {
        var supplier = NewSupplier();
        await supplier.CreateAsync(new CreateSupplier(Profile()));
        await supplier.UpdateAsync(new UpdateSupplier(1, Profile("Second")));

        var retry = await supplier.UpdateAsync(new UpdateSupplier(1, Profile("Second")));

        Assert.Equal((CommandOutcome.Ok, 2), (retry.Outcome, retry.Value!.Version));
    }

    [Fact]
    public async Task Updating_an_unknown_supplier_is_not_found() =>
        Assert.Equal(CommandOutcome.NotFound, (await NewSupplier().UpdateAsync(new UpdateSupplier(1, Profile()))).Outcome);

    [Fact]
    public async Task Invalid_input_is_rejected_with_field_errors_and_nothing_is_written()
    {
        var category = "invalid-" + Guid.NewGuid();
        var supplier = NewSupplier();

        var result = await supplier.CreateAsync(new CreateSupplier(
            new SupplierProfile(" ", category, null, SupplierStatus.Active, [new("Bob", "bob-at-acme")])));

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(["contacts[0].email", "name"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(await supplier.GetAsync());
        Assert.Equal(0, (await _grains.ListSuppliersAsync(new SupplierQuery(new SupplierFilter(category, null, null)))).Total);
    }

    [Fact]
    public async Task An_invalid_update_changes_nothing()
    {
        var supplier = NewSupplier();
        await supplier.CreateAsync(new CreateSupplier(Profile()));

        var result = await supplier.UpdateAsync(new UpdateSupplier(1, Profile(new string('x', 201))));

        Assert.Equal(["name"], result.Errors.Keys);
        Assert.Equal((1, "Acme Metals"), ((await supplier.GetAsync())!.Version, (await supplier.GetAsync())!.Name));
    }

    [Fact]
    public async Task A_supplier_named_by_an_external_id_lives_at_the_id_derived_from_it()
    {
        var externalId = "ERP-" + Guid.NewGuid();
        var elsewhere = await NewSupplier().CreateAsync(new CreateSupplier(Profile(externalId: externalId)));
        var derived = await _grains.GetGrain<ISupplierGrain>(SupplierIds.FromExternalId(externalId))
            .CreateAsync(new CreateSupplier(Profile(externalId: externalId)));

        Assert.Equal(["externalId"], elsewhere.Errors.Keys);
        Assert.Equal(CommandOutcome.Created, derived.Outcome);
    }

    [Fact]
    public async Task The_external_id_cannot_be_changed_but_may_be_left_out_of_an_update()
    {
        var externalId = "ERP-" + Guid.NewGuid();
        var supplier = _grains.GetGrain<ISupplierGrain>(SupplierIds.FromExternalId(externalId));
        await supplier.CreateAsync(new CreateSupplier(Profile(externalId: externalId)));

        var changed = await supplier.UpdateAsync(new UpdateSupplier(1, Profile(externalId: "ERP-other")));
        var omitted = await supplier.UpdateAsync(new UpdateSupplier(1, Profile("Renamed")));

        Assert.Equal(["externalId"], changed.Errors.Keys);
        Assert.Equal((CommandOutcome.Ok, externalId), (omitted.Outcome, omitted.Value!.ExternalId));
    }
}
