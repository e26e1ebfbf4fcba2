namespace SupplierQuality.Grains.Accounts;

/// <summary>
/// The list of API keys for admins (key 0): a handful per integration. Key grains keep it current; it never
/// calls them.
/// </summary>
[Alias("SupplierQuality.Accounts.IApiKeyDirectoryGrain")]
public interface IApiKeyDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Upsert")]
    Task Upsert(string keyHash, ApiKeyInfo key);

    /// <summary>All keys, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ApiKeyInfo>> List();

    /// <summary>The key hash (the <see cref="IApiKeyGrain"/> key) for a short id, or null.</summary>
    [Alias("FindKeyHash")]
    Task<string?> FindKeyHash(string id);
}
