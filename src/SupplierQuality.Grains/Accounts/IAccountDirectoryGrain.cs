namespace SupplierQuality.Grains.Accounts;

/// <summary>
/// The list of all accounts for admins (key 0). Staff accounts number in the tens or hundreds, so one grain
/// holds them. Account grains keep it current; it never calls them, so there is no call cycle.
/// </summary>
[Alias("SupplierQuality.Accounts.IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Upsert")]
    Task Upsert(AccountSummary account);

    /// <summary>All accounts ordered by email.</summary>
    [Alias("List")]
    Task<IReadOnlyList<AccountSummary>> List();
}
