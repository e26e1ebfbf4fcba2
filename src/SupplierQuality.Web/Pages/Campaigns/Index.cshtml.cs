using Microsoft.AspNetCore.Authorization;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Campaigns;

[Authorize(Policy = Policies.ManageSuppliers)]
public sealed class IndexModel(IGrainFactory grains) : CampaignPageModel(grains)
{
    /// <summary>Newest first.</summary>
    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];

    public async Task OnGetAsync() => Campaigns = await Grains.GetGrain<ICampaignDirectoryGrain>(0).ListAsync();
}
