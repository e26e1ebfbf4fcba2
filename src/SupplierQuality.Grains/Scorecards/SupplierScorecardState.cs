namespace SupplierQuality.Grains.Scorecards;

/// <summary>The stored scorecard: one line per campaign. Bounded by campaigns.</summary>
[GenerateSerializer, Alias("SupplierQuality.Scorecards.SupplierScorecardState")]
public sealed class SupplierScorecardState
{
    [Id(0)]
    public List<CampaignScores> Campaigns { get; set; } = [];
}
