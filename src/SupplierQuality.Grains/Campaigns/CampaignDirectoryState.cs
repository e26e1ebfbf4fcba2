namespace SupplierQuality.Grains.Campaigns;

[GenerateSerializer, Alias("SupplierQuality.Campaigns.CampaignDirectoryState")]
public sealed class CampaignDirectoryState
{
    [Id(0)]
    public Dictionary<Guid, CampaignSummary> Campaigns { get; set; } = [];
}
