using SupplierQuality.Grains.Metrics;

namespace SupplierQuality.Grains.Scorecards;

/// <summary>
/// A supplier's scorecard, keyed by the supplier id: one line per campaign that reached the supplier, each with its
/// respondent groups apart, and the supplier's objective metrics, at most <see cref="MetricInput.MaxPerQuarter"/> a
/// quarter. Bounded by campaigns and quarters. Feeds the ranking.
/// </summary>
[Alias("SupplierQuality.Scorecards.ISupplierScorecardGrain")]
public interface ISupplierScorecardGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Replaces the campaign's line unless the scorecard holds it at a later revision (a repeat of the same revision
    /// writes nothing), then tells the ranking. Two-way, so the sender learns of a line lost with a node, but the
    /// supplier-campaign does not wait for the answer in its turn.
    /// </summary>
    [Alias("UpdateCampaign")]
    Task UpdateCampaignAsync(CampaignScores scores);

    /// <summary>
    /// As <see cref="UpdateCampaignAsync"/>, awaited, and replacing a line of the same revision: the rebuild path
    /// waits for each line to be stored and repairs a line that differs from its source.
    /// </summary>
    [Alias("ReplaceCampaign")]
    Task ReplaceCampaignAsync(CampaignScores scores);

    /// <summary>Every campaign line, in the order the campaigns first reported.</summary>
    [Alias("Get")]
    Task<IReadOnlyList<CampaignScores>> GetAsync();

    /// <summary>
    /// Stores objective metrics, each replacing the one of the same name and quarter (<see cref="MetricValue.SameSlot"/>);
    /// one already stored with the same value, target, direction and worst value is left as it was, so importing a file
    /// again writes nothing. Refused whole, nothing written, when a metric is invalid, two of the batch share a slot, or
    /// a quarter would hold more than <see cref="MetricInput.MaxPerQuarter"/>. After a write, tells the ranking.
    /// </summary>
    [Alias("ImportMetrics")]
    Task<MetricStoreResult> ImportMetricsAsync(IReadOnlyList<MetricValue> metrics, string importedBy);

    /// <summary>Every stored metric, newest quarter first, then by name.</summary>
    [Alias("GetMetrics")]
    Task<IReadOnlyList<StoredMetric>> GetMetricsAsync();
}

public static class SupplierScorecards
{
    public static ISupplierScorecardGrain GetSupplierScorecard(this IGrainFactory grains, Guid supplierId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<ISupplierScorecardGrain>(supplierId);
    }
}
