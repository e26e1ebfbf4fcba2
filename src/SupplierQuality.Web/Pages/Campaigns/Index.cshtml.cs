using SupplierQuality.Grains.Campaigns;

namespace SupplierQuality.Web.Pages.Campaigns;

public sealed class IndexModel(IGrainFactory grains) : CampaignPageModel(grains)
{
    /// <summary>Newest first.</summary>
    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];

    public async Task OnGetAsync() => Campaigns = await Grains.GetGrain<ICampaignDirectoryGrain>(0).ListAsync();
}
