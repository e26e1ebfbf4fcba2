namespace SupplierQuality.Grains.Accounts;

/// <summary>One API key, keyed by the hex SHA-256 of the key (<see cref="ApiKeyToken.Hash"/>).</summary>
[Alias("SupplierQuality.Accounts.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Creates the key; when it exists already, changes nothing and returns it.</summary>
    [Alias("Create")]
    Task<ApiKeyInfo> Create(NewApiKey key);

    /// <summary>The key, or null when there is none. Callers check <see cref="ApiKeyInfo.IsRevoked"/>.</summary>
    [Alias("GetInfo")]
    Task<ApiKeyInfo?> GetInfo();

    /// <summary>Revokes the key for good (the first revocation is kept). Null when there is no key.</summary>
    [Alias("Revoke")]
    Task<ApiKeyInfo?> Revoke(string revokedBy);
}
