using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Accounts;

[Collection(AccountsNode.Collection)]
public sealed class SessionKeyTests(AccountsNode fixture)
{
    [Fact]
    public async Task Cookies_are_protected_with_keys_kept_in_the_cluster()
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        var keys = await fixture.Node.Grains.GetSessionKeyRing().GetAll();

        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.StartsWith("<key ", k, StringComparison.Ordinal));
    }

    [Fact]
    public void Data_protection_starts_after_the_silo_that_holds_its_keys()
    {
        var started = fixture.Node.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        Assert.True(
            started.IndexOf("SiloHostedService") < started.IndexOf("DataProtectionHostedService"),
            "Hosted services in start order: " + string.Join(", ", started));
    }
}
