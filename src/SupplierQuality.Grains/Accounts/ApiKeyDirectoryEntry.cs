namespace SupplierQuality.Grains.Accounts;

[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.ApiKeyDirectoryEntry")]
internal sealed record ApiKeyDirectoryEntry(
    [property: Id(0)] string KeyHash,
    [property: Id(1)] ApiKeyInfo Key);
