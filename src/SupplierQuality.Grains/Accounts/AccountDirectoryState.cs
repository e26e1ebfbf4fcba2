namespace SupplierQuality.Grains.Accounts;

[GenerateSerializer]
[Alias("SupplierQuality.Accounts.AccountDirectoryState")]
internal sealed class AccountDirectoryState
{
    [Id(0)]
    public Dictionary<string, AccountSummary> Accounts { get; set; } = [];
}
