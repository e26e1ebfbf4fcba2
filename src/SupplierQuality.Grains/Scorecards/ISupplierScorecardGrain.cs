namespace SupplierQuality.Grains.Scorecards;

/// <summary>
/// A supplier's scorecard, keyed by the supplier id: one line per campaign that reached the supplier, each with its
/// respondent groups apart. Bounded by campaigns. Feeds the ranking.
/// </summary>
[Alias("SupplierQuality.Scorecards.ISupplierScorecardGrain")]
public interface ISupplierScorecardGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Replaces the campaign's line unless the scorecard holds it at a later revision (a repeat of the same revision
    /// writes nothing), then tells the ranking. One-way: a supplier-campaign never waits on its supplier's scorecard.
    /// </summary>
    [Alias("UpdateCampaign"), Orleans.Concurrency.OneWay]
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
}

public static class SupplierScorecards
{
    public static ISupplierScorecardGrain GetSupplierScorecard(this IGrainFactory grains, Guid supplierId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<ISupplierScorecardGrain>(supplierId);
    }
}
