namespace SupplierQuality.Grains.Campaigns;

/// <summary>The list of campaigns (key 0). Each campaign keeps its own line current. Grows with campaigns.</summary>
[Alias("SupplierQuality.Campaigns.ICampaignDirectoryGrain")]
public interface ICampaignDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the line unless the directory holds this campaign at the same or a later revision.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(CampaignSummary summary);

    /// <summary>Every campaign, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<CampaignSummary>> ListAsync();
}

[GenerateSerializer, Alias("SupplierQuality.Campaigns.CampaignDirectoryState")]
public sealed class CampaignDirectoryState
{
    [Id(0)]
    public Dictionary<Guid, CampaignSummary> Campaigns { get; set; } = [];
}

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
