namespace SupplierQuality.Grains.Accounts;

[GenerateSerializer]
[Alias("SupplierQuality.Accounts.ApiKeyDirectoryState")]
internal sealed class ApiKeyDirectoryState
{
    /// <summary>By short id.</summary>
    [Id(0)]
    public Dictionary<string, ApiKeyDirectoryEntry> Keys { get; set; } = [];
}
