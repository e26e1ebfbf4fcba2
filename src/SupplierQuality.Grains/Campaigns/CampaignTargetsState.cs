namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// The suppliers a campaign asks, in the order it asks them: fixed when it opens, and suppliers added later appended.
/// Stored apart from <see cref="CampaignState"/>, so the campaign's frequent small writes (a cursor, a status) do not
/// rewrite a line per supplier; this list is written only when it changes.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Campaigns.CampaignTargetsState")]
public sealed class CampaignTargetsState
{
    [Id(0)]
    public List<Guid> Suppliers { get; set; } = [];
}
