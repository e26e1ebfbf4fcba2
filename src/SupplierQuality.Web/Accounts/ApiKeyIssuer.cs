using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Accounts;

/// <summary>A new key and what is stored about it. <see cref="Key"/> is shown once and never kept.</summary>
internal sealed record IssuedApiKey(string Key, ApiKeyInfo Info);

internal static class ApiKeyIssuer
{
    public static async Task<IssuedApiKey> IssueAsync(IGrainFactory grains, string name, string role, string createdBy)
    {
        var key = ApiKeyToken.Generate();
        var info = await grains.GetApiKey(ApiKeyToken.Hash(key)).Create(new NewApiKey(name, role, createdBy));
        return new IssuedApiKey(key, info);
    }
}
