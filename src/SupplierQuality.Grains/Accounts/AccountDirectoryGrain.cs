namespace SupplierQuality.Grains.Accounts;

[GrainType("account-directory")]
internal sealed class AccountDirectoryGrain(
    [PersistentState("accounts")] IPersistentState<AccountDirectoryState> directory) : Grain, IAccountDirectoryGrain
{
    public async Task Upsert(AccountSummary account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (directory.State.Accounts.TryGetValue(account.Email, out var known) && known == account)
        {
            return;
        }

        directory.State.Accounts[account.Email] = account;
        await directory.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<AccountSummary>> List() => Task.FromResult<IReadOnlyList<AccountSummary>>(
        [.. directory.State.Accounts.Values.OrderBy(a => a.Email, StringComparer.Ordinal)]);
}
