namespace SupplierQuality.Grains.Accounts;

/// <summary>The account grains by their keys, so callers do not repeat key conventions.</summary>
public static class AccountGrainFactoryExtensions
{
    /// <param name="grains">The grain factory.</param>
    /// <param name="normalizedEmail">From <see cref="AccountEmail.Normalize"/>.</param>
    public static IAccountGrain GetAccount(this IGrainFactory grains, string normalizedEmail) =>
        grains.GetGrain<IAccountGrain>(normalizedEmail);

    public static IAccountDirectoryGrain GetAccountDirectory(this IGrainFactory grains) =>
        grains.GetGrain<IAccountDirectoryGrain>(0);

    /// <param name="grains">The grain factory.</param>
    /// <param name="keyHash">From <see cref="ApiKeyToken.Hash"/>.</param>
    public static IApiKeyGrain GetApiKey(this IGrainFactory grains, string keyHash) =>
        grains.GetGrain<IApiKeyGrain>(keyHash);

    public static IApiKeyDirectoryGrain GetApiKeyDirectory(this IGrainFactory grains) =>
        grains.GetGrain<IApiKeyDirectoryGrain>(0);

    public static ISessionKeyRingGrain GetSessionKeyRing(this IGrainFactory grains) =>
        grains.GetGrain<ISessionKeyRingGrain>(0);
}
