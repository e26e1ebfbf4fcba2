using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Storage;

namespace SupplierQuality.Integration.Tests.Organisation;

public sealed class OrganisationStorageTests
{
    [Fact]
    public async Task The_organisation_and_its_logo_survive_a_restart_on_the_embedded_database()
    {
        using var database = new TemporarySqliteDatabase();
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = database.FilePath };
        var profile = new OrganisationProfile("Northwind Buying plc", "Quinn Quality", "quinn@northwind.example", null, "Only our quality team reads your answers.\nThey are never shared.");
        OrganisationDetails saved;
        await using (var first = await TestNode.StartAsync(settings))
        {
            var result = await first.Grains.GetOrganisation().SaveAsync(new OrganisationUpdate(profile, OrganisationNode.Png), 0, TestNode.AdminEmail);
            Assert.Equal(CommandOutcome.Ok, result.Outcome);
            saved = result.Value!;
        }

        await using var second = await TestNode.StartAsync(settings);
        var organisation = second.Grains.GetOrganisation();

        Assert.Equal(saved, await organisation.GetAsync());
        Assert.Equal(profile, saved.Profile);
        Assert.Equal(OrganisationNode.Png, (await organisation.GetLogoAsync())!.Content);
    }
}
