using SupplierQuality.Grains.Metrics;

namespace SupplierQuality.Grains.Scorecards;

/// <summary>
/// The stored scorecard: one line per campaign, derived from the answers (the rebuild writes them again), and the
/// objective metrics, which are the record itself (imported, never derived; the rebuild leaves them alone). Bounded by
/// campaigns and by quarters × <see cref="MetricInput.MaxPerQuarter"/>.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Scorecards.SupplierScorecardState")]
public sealed class SupplierScorecardState
{
    [Id(0)]
    public List<CampaignScores> Campaigns { get; set; } = [];

    /// <summary>Added after the first release: a scorecard stored before loads with none.</summary>
    [Id(1)]
    public List<StoredMetric> Metrics { get; set; } = [];
}
