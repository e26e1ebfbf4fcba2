namespace SupplierQuality.Grains.Campaigns;

[GrainType("campaign-directory")]
public sealed class CampaignDirectoryGrain(
    [PersistentState("campaigns")] IPersistentState<CampaignDirectoryState> state) : Grain, ICampaignDirectoryGrain
{
    public async Task UpsertAsync(CampaignSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (state.State.Campaigns.TryGetValue(summary.Id, out var current) && current.Revision >= summary.Revision)
        {
            return;
        }

        state.State.Campaigns[summary.Id] = summary;
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<CampaignSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<CampaignSummary>>([.. state.State.Campaigns.Values.OrderByDescending(c => c.CreatedAt)]);
}
