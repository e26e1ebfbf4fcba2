using SupplierQuality.Grains.Invitations;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Scorecards;

[GenerateSerializer, Alias("SupplierQuality.Scorecards.RankingSort")]
public enum RankingSort
{
    Rank = 0,
    Name = 1,
    Responses = 2,
    ResponseRate = 3,
}

/// <summary>A page of a ranking. A null period means the latest campaign with responses; a null category, all suppliers.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.RankingQuery")]
public sealed record RankingQuery(
    [property: Id(0)] RankingPeriod? Period = null,
    [property: Id(1)] string? Category = null,
    [property: Id(2)] string? Standing = null,
    [property: Id(3)] string? Search = null,
    [property: Id(4)] RankingSort Sort = RankingSort.Rank,
    [property: Id(5)] bool Descending = false,
    [property: Id(6)] int Skip = 0,
    [property: Id(7)] int Take = 50)
{
    public const int MaxTake = 500;
}

/// <summary>One respondent group's result for a supplier in a period.</summary>
/// <param name="Mean">Mean of the group's response scores; null without responses.</param>
/// <param name="Nps">Net Promoter Score (-100..100) of <paramref name="NpsAnswers"/> ratings: promoters less detractors, in percent.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.GroupResult")]
public sealed record GroupResult(
    [property: Id(0)] RecipientKind Group,
    [property: Id(1)] int Invited,
    [property: Id(2)] int Responses,
    [property: Id(3)] double? Mean,
    [property: Id(4)] double? StandardDeviation,
    [property: Id(5)] double? Lower,
    [property: Id(6)] double? Upper,
    [property: Id(7)] double? Nps,
    [property: Id(8)] int NpsAnswers,
    [property: Id(9)] int Promoters = 0,
    [property: Id(10)] int Passives = 0,
    [property: Id(11)] int Detractors = 0);

[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.DimensionResult")]
public sealed record DimensionResult(
    [property: Id(0)] string DimensionId,
    [property: Id(1)] double Mean,
    [property: Id(2)] int Answers);

/// <summary>
/// One objective metric of a supplier in a period: its 0-100 score against its target, the mean over the period's
/// quarters that have it (one for a campaign or a quarter, up to four for a year).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.MetricResult")]
public sealed record MetricResult(
    [property: Id(0)] string Name,
    [property: Id(1)] MetricDirection Direction,
    [property: Id(2)] double Score,
    [property: Id(3)] int Quarters);

/// <summary>
/// A supplier's line in a ranking. <see cref="RankingScore"/> is the Bayesian average of <see cref="RawScore"/> over
/// <see cref="Responses"/> (the ranked groups' responses) towards the scope's mean; both null without responses.
/// <see cref="RawScore"/> blends the groups' means and <see cref="MetricsScore"/> (the mean of <see cref="Metrics"/>)
/// by the settings' weights.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.RankingRow")]
public sealed record RankingRow(
    [property: Id(0)] int? Rank,
    [property: Id(1)] Guid SupplierId,
    [property: Id(2)] string Name,
    [property: Id(3)] string? Category,
    [property: Id(4)] double? RankingScore,
    [property: Id(5)] double? RawScore,
    [property: Id(6)] double? Lower,
    [property: Id(7)] double? Upper,
    [property: Id(8)] int Responses,
    [property: Id(9)] int Invited,
    [property: Id(10)] Standing? Standing,
    [property: Id(11)] bool LowResponse,
    [property: Id(12)] MovementDirection Movement,
    [property: Id(13)] double? MovementP,
    [property: Id(14)] double? PreviousRawScore,
    [property: Id(15)] IReadOnlyList<GroupResult> Groups,
    [property: Id(16)] IReadOnlyList<DimensionResult> Dimensions,
    [property: Id(17)] double? MetricsScore,
    [property: Id(18)] IReadOnlyList<MetricResult> Metrics)
{
    public double? ResponseRate => Invited == 0 ? null : (double)Responses / Invited;
}

/// <summary>A period a ranking can be asked for, with words for people.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.RankingPeriodOption")]
public sealed record RankingPeriodOption(
    [property: Id(0)] RankingPeriod Period,
    [property: Id(1)] string Label,
    [property: Id(2)] DateTimeOffset End);

[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.RankingPage")]
public sealed record RankingPage(
    [property: Id(0)] RankingPeriodOption? Period,
    [property: Id(1)] RankingPeriodOption? PreviousPeriod,
    [property: Id(2)] string? Category,
    [property: Id(3)] double? ScopeMean,
    [property: Id(4)] int Total,
    [property: Id(5)] IReadOnlyList<RankingRow> Items,
    [property: Id(6)] ScorecardSettingsVersion Settings,
    [property: Id(7)] IReadOnlyList<string> DimensionIds);

/// <summary>A campaign as rankings see it.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.RankedCampaign")]
public sealed record RankedCampaign(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] Guid QuestionnaireId,
    [property: Id(3)] DateTimeOffset Deadline);

/// <summary>A supplier as rankings see it.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.RankedSupplier")]
public sealed record RankedSupplier(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Category);
