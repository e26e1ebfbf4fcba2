using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Tests.Suppliers;

public sealed class SupplierImportGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private static SupplierProfile Profile(string name, string? category = "Imported") =>
        new(name, category, null, SupplierStatus.Active, [new("Ann", "ann@import.example")]);

    private static SupplierImportChange Create(Guid id, SupplierProfile profile, int line = 2) =>
        new(id, SupplierImportAction.Create, 0, line, profile, []);

    private static SupplierImportChange Update(Guid id, int expectedVersion, SupplierProfile profile, int line = 2) =>
        new(id, SupplierImportAction.Update, expectedVersion, line, profile, ["category"]);

    private static SupplierImportPlan Plan(params SupplierImportChange[] changes) => new("suppliers.csv", changes.Length + 1, 1, changes, []);

    private ISupplierImportGrain NewImport() => _grains.GetGrain<ISupplierImportGrain>(Guid.NewGuid());

    private async Task<Guid> CreatedSupplierAsync(SupplierProfile profile)
    {
        var id = Guid.NewGuid();
        await _grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(profile));
        return id;
    }

    /// <summary>Confirms the import and waits until it has been applied in the background.</summary>
    private static async Task<SupplierImportProgress> ApplyAsync(ISupplierImportGrain import, int seconds = 10)
    {
        var progress = await import.ApplyAsync();
        for (var waited = 0; progress is { Phase: not SupplierImportPhase.Applied } && waited < seconds * 1000; waited += 20)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            progress = await import.GetProgressAsync();
        }

        Assert.Equal(SupplierImportPhase.Applied, progress?.Phase);
        return progress!;
    }

    [Fact]
    public async Task Nothing_is_written_until_the_import_is_applied()
    {
        var import = NewImport();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.True(await import.StageAsync(Plan(Create(first, Profile("First")), Create(second, Profile("Second"), line: 3))));

        var staged = await import.GetStatusAsync();

        Assert.Equal((3, 2, 0, 1, SupplierImportPhase.Staged), (staged!.Rows, staged.ToCreate, staged.ToUpdate, staged.Unchanged, staged.Progress.Phase));
        Assert.Null(await _grains.GetGrain<ISupplierGrain>(first).GetAsync());

        var applied = await ApplyAsync(import);

        Assert.Equal((2, 2, 2, 0, 1), (applied.Total, applied.Done, applied.Created, applied.Updated, applied.Unchanged));
        Assert.Empty(applied.Failures);
        Assert.Equal("Second", (await _grains.GetGrain<ISupplierGrain>(second).GetAsync())?.Name);
    }

    [Fact]
    public async Task Applying_again_changes_nothing_and_reports_the_same_result()
    {
        var id = await CreatedSupplierAsync(Profile("Again", "Before"));
        var import = NewImport();
        await import.StageAsync(Plan(Update(id, 1, Profile("Again", "After"))));

        var first = await ApplyAsync(import);
        var second = await ApplyAsync(import);

        Assert.Equal((0, 1, 1), (first.Created, first.Updated, first.Unchanged));
        Assert.Equal(
            (first.Phase, first.Total, first.Done, first.Created, first.Updated, first.Unchanged, 0),
            (second.Phase, second.Total, second.Done, second.Created, second.Updated, second.Unchanged, second.Failures.Count));
        var supplier = await _grains.GetGrain<ISupplierGrain>(id).GetAsync();
        Assert.Equal((2, "After"), (supplier!.Version, supplier.Category));
    }

    [Fact]
    public async Task A_supplier_changed_since_the_preview_is_reported_and_left_as_it_is()
    {
        var id = await CreatedSupplierAsync(Profile("Raced", "Before"));
        var import = NewImport();
        await import.StageAsync(Plan(Update(id, 1, Profile("Raced", "From file"), line: 7)));
        await _grains.GetGrain<ISupplierGrain>(id).UpdateAsync(new UpdateSupplier(1, Profile("Raced", "Someone else's")));

        var applied = await ApplyAsync(import);

        var failure = Assert.Single(applied.Failures);
        Assert.Equal(7, failure.Line);
        Assert.Equal("\"Raced\" was changed by someone else since the preview (now version 2), so it was not updated. Import the file again to update it.", failure.Message);
        Assert.Equal((0, 1), (applied.Updated, applied.Unchanged));
        Assert.Equal("Someone else's", (await _grains.GetGrain<ISupplierGrain>(id).GetAsync())?.Category);
    }

    [Fact]
    public async Task An_update_someone_already_made_is_no_conflict()
    {
        var id = await CreatedSupplierAsync(Profile("Same", "Before"));
        var import = NewImport();
        await import.StageAsync(Plan(Update(id, 1, Profile("Same", "After"))));
        await _grains.GetGrain<ISupplierGrain>(id).UpdateAsync(new UpdateSupplier(1, Profile("Same", "After")));

        var applied = await ApplyAsync(import);

        Assert.Equal((1, 1, 0), (applied.Updated, applied.Unchanged, applied.Failures.Count));
        Assert.Equal(2, (await _grains.GetGrain<ISupplierGrain>(id).GetAsync())?.Version);
    }

    [Fact]
    public async Task A_create_whose_external_id_someone_took_meanwhile_is_reported()
    {
        var externalId = ClusterFixture.UniqueKey("ERP");
        var id = SupplierIds.FromExternalId(externalId);
        var import = NewImport();
        await import.StageAsync(Plan(Create(id, Profile("From file") with { ExternalId = externalId })));
        await _grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(Profile("Someone else") with { ExternalId = externalId }));

        var applied = await ApplyAsync(import);

        Assert.StartsWith("\"From file\" was created by someone else since the preview", Assert.Single(applied.Failures).Message, StringComparison.Ordinal);
        Assert.Equal("Someone else", (await _grains.GetGrain<ISupplierGrain>(id).GetAsync())?.Name);
    }

    [Fact]
    public async Task Every_supplier_the_import_counts_is_listed_across_several_batches()
    {
        var category = ClusterFixture.UniqueKey("batches");
        var count = SupplierImportGrain.BatchSize + 7;
        var import = NewImport();
        await import.StageAsync(Plan([.. Enumerable.Range(0, count).Select(i => Create(Guid.NewGuid(), Profile($"Batch {i:D5}", category), line: i + 2))]));

        var applied = await ApplyAsync(import, seconds: 120);

        Assert.Equal((count, count, 0), (applied.Done, applied.Created, applied.Failures.Count));
        var listed = await _grains.QuerySuppliersAsync(new SupplierFilter(category, null, null));
        Assert.Equal((count, "Batch 00000"), (listed.Total, listed.First[0].Name));
    }

    [Fact]
    public async Task A_supplier_saved_by_an_interrupted_import_is_listed_by_the_next_without_a_second_write()
    {
        // What an import leaves behind when its node dies between writing a batch and listing it.
        var category = ClusterFixture.UniqueKey("interrupted");
        var change = Create(SupplierIds.FromImportedName(category, 1), Profile("Interrupted Ltd", category));
        var saved = await _grains.GetGrain<ISupplierGrain>(change.SupplierId).ImportAsync(change);
        Assert.Equal(CommandOutcome.Created, saved.Outcome);
        Assert.Equal(0, (await _grains.QuerySuppliersAsync(new SupplierFilter(category, null, null))).Total);

        var import = NewImport();
        await import.StageAsync(Plan(change));
        var applied = await ApplyAsync(import);

        Assert.Equal((0, 2, 0), (applied.Created, applied.Unchanged, applied.Failures.Count));
        var listed = Assert.Single((await _grains.QuerySuppliersAsync(new SupplierFilter(category, null, null))).First);
        Assert.Equal((change.SupplierId, 1), (listed.Id, listed.Version));
    }

    [Fact]
    public async Task A_create_that_meets_another_saved_supplier_lists_that_one_as_it_is()
    {
        var category = ClusterFixture.UniqueKey("unlisted");
        var id = Guid.NewGuid();
        await _grains.GetGrain<ISupplierGrain>(id).ImportAsync(Create(id, Profile("Saved first", category)));
        var import = NewImport();
        await import.StageAsync(Plan(Create(id, Profile("From file", category), line: 4)));

        var applied = await ApplyAsync(import);

        Assert.Equal(4, Assert.Single(applied.Failures).Line);
        Assert.Equal("Saved first", Assert.Single((await _grains.QuerySuppliersAsync(new SupplierFilter(category, null, null))).First).Name);
    }

    [Fact]
    public async Task An_import_without_a_plan_answers_null()
    {
        var import = NewImport();

        Assert.Null(await import.GetStatusAsync());
        Assert.Null(await import.ApplyAsync());
        Assert.Null(await import.GetProgressAsync());
    }

    [Fact]
    public async Task A_second_plan_is_refused_and_the_first_kept()
    {
        var import = NewImport();
        await import.StageAsync(Plan(Create(Guid.NewGuid(), Profile("Kept"))));

        Assert.False(await import.StageAsync(Plan()));
        Assert.Equal("Kept", Assert.Single((await import.GetStatusAsync())!.FirstChanges).Profile.Name);
    }

    [Fact]
    public async Task The_status_shows_the_first_changes_of_each_kind_and_counts_them_all()
    {
        var import = NewImport();
        var creates = Enumerable.Range(0, SupplierImportGrain.ChangesShown + 5).Select(i => Create(Guid.NewGuid(), Profile($"New {i}"), line: i + 2));
        var updates = Enumerable.Range(0, 3).Select(i => Update(Guid.NewGuid(), 1, Profile($"Old {i}"), line: i + 200));
        await import.StageAsync(Plan([.. creates, .. updates]));

        var status = await import.GetStatusAsync();

        Assert.Equal((SupplierImportGrain.ChangesShown + 5, 3), (status!.ToCreate, status.ToUpdate));
        Assert.Equal(
            (SupplierImportGrain.ChangesShown, 3),
            (status.FirstChanges.Count(c => c.Action == SupplierImportAction.Create), status.FirstChanges.Count(c => c.Action == SupplierImportAction.Update)));
    }
}
