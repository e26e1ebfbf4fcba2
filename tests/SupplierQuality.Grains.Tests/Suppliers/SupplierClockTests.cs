using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Tests.Suppliers;

[Collection(SharedClock.Name)]
public sealed class SupplierClockTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Created_and_updated_times_come_from_the_clock()
    {
        var supplier = fixture.Grains.GetGrain<ISupplierGrain>(Guid.NewGuid());
        var profile = new SupplierProfile("Clockwork Ltd", null, null, SupplierStatus.Active, []);
        var createdAt = fixture.Time.GetUtcNow();
        await supplier.CreateAsync(new CreateSupplier(profile));

        fixture.Time.Advance(TimeSpan.FromHours(1));
        var updated = await supplier.UpdateAsync(new UpdateSupplier(1, profile with { Name = "Clockwork Group" }));

        Assert.Equal((createdAt, createdAt.AddHours(1)), (updated.Value!.CreatedAt, updated.Value.UpdatedAt));
    }
}
