using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Metrics;

namespace SupplierQuality.Grains.Scorecards;

/// <summary>
/// The supplier rankings of the installation (key 0): every supplier's scorecard lines, held in memory only and
/// rebuilt from the scorecards when activated (docs/adr/0002-rankings-in-memory.md). Ranks, priors, standings and
/// movements are computed per query, for any period and scope.
/// </summary>
[Alias("SupplierQuality.Scorecards.IRankingGrain")]
public interface IRankingGrain : IGrainWithIntegerKey
{
    /// <summary>A scorecard's lines, replacing what the ranking held for the supplier. One-way: scorecards never wait.</summary>
    [Alias("UpdateSupplier"), Orleans.Concurrency.OneWay]
    Task UpdateSupplierAsync(Guid supplierId, IReadOnlyList<CampaignScores> lines);

    /// <summary>
    /// A scorecard's objective metrics, replacing what the ranking held for the supplier: the same one-way path as the
    /// survey lines. Metrics alone never put a supplier in a ranking; they blend into the score of one that is in it.
    /// </summary>
    [Alias("UpdateMetrics"), Orleans.Concurrency.OneWay]
    Task UpdateMetricsAsync(Guid supplierId, IReadOnlyList<MetricValue> metrics);

    [Alias("Query")]
    Task<RankingPage> QueryAsync(RankingQuery query);

    /// <summary>The periods with responses, newest first: each campaign, then each quarter and year of a questionnaire.</summary>
    [Alias("Periods")]
    Task<IReadOnlyList<RankingPeriodOption>> PeriodsAsync();

    /// <summary>One supplier's scorecard: each campaign that reached it, ranked within that campaign; null if unknown.</summary>
    [Alias("Scorecard")]
    Task<SupplierScorecard?> ScorecardAsync(Guid supplierId);

    /// <summary>Forgets what it holds and reads every supplier's scorecard again.</summary>
    [Alias("Reload")]
    Task ReloadAsync();
}

/// <summary>A supplier's line in one campaign's ranking, with the category's dimension means to compare against.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.ScorecardCampaign")]
public sealed record ScorecardCampaign(
    [property: Id(0)] RankedCampaign Campaign,
    [property: Id(1)] RankingRow Row,
    [property: Id(2)] int RankedSuppliers,
    [property: Id(3)] IReadOnlyList<DimensionResult> CategoryDimensions)
{
    /// <summary>One respondent group's line, or null when nobody of the group was asked.</summary>
    public GroupResult? GroupOf(RecipientKind group) => Row.Groups.FirstOrDefault(g => g.Group == group);
}

[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.SupplierScorecard")]
public sealed record SupplierScorecard(
    [property: Id(0)] RankedSupplier Supplier,
    [property: Id(1)] IReadOnlyList<ScorecardCampaign> Campaigns,
    [property: Id(2)] ScorecardSettingsVersion Settings);

public static class Rankings
{
    public static IRankingGrain GetRanking(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IRankingGrain>(0);
    }
}
