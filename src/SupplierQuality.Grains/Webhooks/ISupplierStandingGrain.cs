using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Webhooks;

/// <summary>A supplier's standing in one ranking (scope and period) as the ranking computed it just now.</summary>
/// <param name="Category">The scope: null for all suppliers, else the category ranked.</param>
/// <param name="PreviousKnown">
/// Whether the ranking knows the standing before this one (<paramref name="Previous"/>, null for none). False right
/// after the ranking's activation, when only the supplier's own record can say whether anything changed.
/// </param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Webhooks.StandingObservation")]
public sealed record StandingObservation(
    [property: Id(0)] string? Category,
    [property: Id(1)] RankingPeriodOption Period,
    [property: Id(2)] string SupplierName,
    [property: Id(3)] string? SupplierCategory,
    [property: Id(4)] Standing? Standing,
    [property: Id(5)] double? RankingScore,
    [property: Id(6)] int? Rank,
    [property: Id(7)] bool PreviousKnown,
    [property: Id(8)] Standing? Previous);

/// <summary>
/// The standings of one supplier (keyed by its id) that have been announced: per scope and period the last standing
/// and how many times it changed. It turns the ranking's observations into <c>standing.changed</c> events with ids
/// from supplier, scope, period and revision. Bounded by the supplier's periods (campaigns, quarters, years) × 2 scopes.
/// </summary>
[Alias("SupplierQuality.Webhooks.ISupplierStandingGrain")]
public interface ISupplierStandingGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Publishes a <c>standing.changed</c> for each observation whose standing differs from the one recorded (or, with
    /// nothing recorded, from the ranking's previous one), then records them. A failed publish records nothing, so the
    /// ranking's retry makes the same events with the same ids.
    /// </summary>
    [Alias("Observe")]
    Task ObserveAsync(IReadOnlyList<StandingObservation> observations);
}
