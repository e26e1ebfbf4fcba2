using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Grains.Tests.Accounts;

public sealed class ApiKeyGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Created_key_is_found_by_the_hash_of_the_key()
    {
        var key = ApiKeyToken.Generate();

        await fixture.Grains.GetApiKey(ApiKeyToken.Hash(key)).Create(new NewApiKey("ERP", Roles.QualityManager, "admin@test.local"));
        var found = await fixture.Grains.GetApiKey(ApiKeyToken.Hash(key)).GetInfo();

        Assert.Equal("ERP", found!.Name);
        Assert.Equal(Roles.QualityManager, found.Role);
        Assert.Equal("admin@test.local", found.CreatedBy);
        Assert.Equal(fixture.Time.GetUtcNow(), found.CreatedAt);
        Assert.False(found.IsRevoked);
    }

    [Fact]
    public async Task Unknown_key_is_not_found()
    {
        Assert.Null(await fixture.Grains.GetApiKey(ApiKeyToken.Hash(ApiKeyToken.Generate())).GetInfo());
    }

    [Fact]
    public async Task Revoked_key_stays_revoked_with_the_first_revocation()
    {
        var grain = await CreateAsync("BI");

        var revoked = await grain.Revoke("first@test.local");
        var again = await grain.Revoke("second@test.local");

        Assert.True(revoked!.IsRevoked);
        Assert.Equal("first@test.local", again!.RevokedBy);
        Assert.Equal(revoked, again);
        Assert.True((await grain.GetInfo())!.IsRevoked);
    }

    [Fact]
    public async Task Creating_twice_changes_nothing_the_second_time()
    {
        var hash = ApiKeyToken.Hash(ApiKeyToken.Generate());
        var first = await fixture.Grains.GetApiKey(hash).Create(new NewApiKey("ERP", Roles.Executive, "a@test.local"));

        var second = await fixture.Grains.GetApiKey(hash).Create(new NewApiKey("Other", Roles.Admin, "b@test.local"));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Create_refuses_a_key_that_is_not_a_hash()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Grains.GetApiKey(ApiKeyToken.Generate()).Create(new NewApiKey("ERP", Roles.Executive, "a@test.local")));
    }

    [Fact]
    public async Task Directory_lists_keys_and_finds_the_hash_by_short_id()
    {
        var hash = ApiKeyToken.Hash(ApiKeyToken.Generate());
        var created = await fixture.Grains.GetApiKey(hash).Create(new NewApiKey("Warehouse", Roles.Executive, "a@test.local"));
        await fixture.Grains.GetApiKey(hash).Revoke("a@test.local");

        var directory = fixture.Grains.GetApiKeyDirectory();
        var listed = (await directory.List()).Single(k => k.Id == created.Id);

        Assert.Equal(ApiKeyToken.ShortId(hash), created.Id);
        Assert.Equal("Warehouse", listed.Name);
        Assert.True(listed.IsRevoked);
        Assert.Equal(hash, await directory.FindKeyHash(created.Id));
        Assert.Null(await directory.FindKeyHash("000000000000"));
    }

    private async Task<IApiKeyGrain> CreateAsync(string name)
    {
        var grain = fixture.Grains.GetApiKey(ApiKeyToken.Hash(ApiKeyToken.Generate()));
        await grain.Create(new NewApiKey(name, Roles.QualityManager, "admin@test.local"));
        return grain;
    }
}
