namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// The campaign's counters: the last progress each supplier's campaign reported. They are derived (each supplier's
/// campaign holds the truth), so they live in memory while the campaign is active and are written only when it
/// deactivates cleanly, which spares a busy campaign a write of one line per supplier on every answer. After a crash
/// they are recounted from the suppliers' campaigns.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Campaigns.CampaignCountersState")]
public sealed class CampaignCountersState
{
    /// <summary>
    /// Equal to <see cref="CampaignState.CountersGeneration"/> only when these counters were written by the last
    /// activation as it ended; each activation moves the campaign's generation on before it changes a counter.
    /// </summary>
    [Id(0)]
    public int Generation { get; set; }

    [Id(1)]
    public Dictionary<Guid, SupplierProgress> Progress { get; set; } = [];
}
