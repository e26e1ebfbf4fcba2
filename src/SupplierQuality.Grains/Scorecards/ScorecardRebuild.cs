using SupplierQuality.Grains.Campaigns;

namespace SupplierQuality.Grains.Scorecards;

/// <summary>
/// Rebuilds every scorecard line from the stored answers, then the rankings from the scorecards: the repair path for
/// derived state (DESIGN.md rule 5). Each supplier-campaign reads its invitations again and stores its line, awaited.
/// </summary>
public static class ScorecardRebuild
{
    private const int PageSize = 200;
    private const int Parallel = 16;

    /// <returns>How many supplier-campaign lines were rebuilt.</returns>
    public static async Task<int> RunAsync(IGrainFactory grains, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var rebuilt = 0;
        foreach (var campaign in await grains.GetGrain<ICampaignDirectoryGrain>(0).ListAsync())
        {
            if (campaign.Status is CampaignStatus.Draft)
            {
                continue;
            }

            var campaignGrain = grains.GetGrain<ICampaignGrain>(campaign.Id);
            for (var skip = 0; ; skip += PageSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = await campaignGrain.GetSuppliersAsync(nonRespondersOnly: false, skip, PageSize);
                foreach (var chunk in page.Items.Chunk(Parallel))
                {
                    await Task.WhenAll(chunk.Select(s => grains.GetSupplierCampaign(campaign.Id, s.SupplierId).PublishScoresAsync()));
                    rebuilt += chunk.Length;
                }

                if (skip + PageSize >= page.Total)
                {
                    break;
                }
            }
        }

        await grains.GetRanking().ReloadAsync();
        return rebuilt;
    }
}
