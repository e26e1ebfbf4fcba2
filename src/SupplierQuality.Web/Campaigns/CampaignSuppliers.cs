using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Campaigns;

/// <summary>The suppliers a campaign asks, as the pages and the API check and show them.</summary>
internal static class CampaignSuppliers
{
    /// <summary>Unknown ids named in one message; the rest are counted, so a wrong export does not make a page-long error.</summary>
    private const int MaxNamed = 3;

    /// <summary>The largest page <see cref="ICampaignGrain.GetSuppliersAsync"/> answers.</summary>
    private const int MaxProgressPage = 500;

    /// <summary>
    /// The ids among <paramref name="ids"/> that no supplier has. The grain accepts any id and only finds out when its
    /// turn comes ("the supplier no longer exists"), so a typing error is caught here, while the sender can fix it.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> UnknownAsync(IGrainFactory grains, IReadOnlyCollection<Guid> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var known = (await grains.QuerySuppliersAsync(SupplierFilter.Everyone)).First.Select(e => e.Id).ToHashSet();
        return [.. ids.Where(id => !known.Contains(id)).Distinct()];
    }

    /// <summary>"No supplier has the id …." for one, the first few and a count for more.</summary>
    public static string Describe(IReadOnlyList<Guid> unknown)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        var named = string.Join(", ", unknown.Take(MaxNamed));
        return unknown.Count switch
        {
            1 => $"No supplier has the id {named}.",
            <= MaxNamed => $"No supplier has the ids {named}.",
            _ => $"No supplier has the ids {named} and {unknown.Count - MaxNamed} more.",
        };
    }

    /// <summary>
    /// Every supplier the campaign asks or will ask: those it targets, and while a campaign of chosen suppliers is
    /// scheduled, those chosen (they become targets when it opens).
    /// </summary>
    public static async Task<HashSet<Guid>> TargetedAsync(IGrainFactory grains, CampaignDetails campaign)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(campaign);
        var targeted = campaign.Definition.Audience == AudienceKind.Chosen ? campaign.Definition.Suppliers.ToHashSet() : [];
        var grain = grains.GetGrain<ICampaignGrain>(campaign.Id);
        for (var skip = 0; ; skip += MaxProgressPage)
        {
            var page = await grain.GetSuppliersAsync(nonRespondersOnly: false, skip, MaxProgressPage);
            targeted.UnionWith(page.Items.Select(p => p.SupplierId));
            if (page.Items.Count == 0 || skip + page.Items.Count >= page.Total)
            {
                return targeted;
            }
        }
    }
}
