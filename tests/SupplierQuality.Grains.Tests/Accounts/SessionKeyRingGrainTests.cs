using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Grains.Tests.Accounts;

public sealed class SessionKeyRingGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Stored_keys_come_back_once_each_in_order()
    {
        var ring = fixture.Grains.GetSessionKeyRing();
        var (first, second) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

        await ring.Store("key-" + first, $"<key id=\"{first}\" />");
        await ring.Store("key-" + second, $"<key id=\"{second}\" />");
        await ring.Store("key-" + first, $"<key id=\"{first}\" />");
        var keys = (await ring.GetAll()).ToList();

        Assert.Single(keys, $"<key id=\"{first}\" />");
        Assert.True(keys.IndexOf($"<key id=\"{first}\" />") < keys.IndexOf($"<key id=\"{second}\" />"));
    }
}
