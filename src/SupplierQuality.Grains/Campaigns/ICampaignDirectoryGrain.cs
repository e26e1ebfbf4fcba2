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
