using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Reviews;

/// <summary>Whether a review still takes decisions.</summary>
[GenerateSerializer, Alias("SupplierQuality.Reviews.ReviewStatus")]
public enum ReviewStatus
{
    Open = 0,

    /// <summary>Finished: read-only for good.</summary>
    Finished = 1,
}

/// <summary>
/// A supplier's line of the ranking as it stood when the review froze it. Scores are 0-100; <see cref="Lower"/> and
/// <see cref="Upper"/> are the 95% interval of the raw score; <see cref="Responses"/> is n, the ranked responses.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Reviews.ReviewRow")]
public sealed record ReviewRow(
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
    [property: Id(13)] double? MovementP)
{
    public static ReviewRow From(RankingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ReviewRow(
            row.Rank, row.SupplierId, row.Name, row.Category, row.RankingScore, row.RawScore, row.Lower, row.Upper,
            row.Responses, row.Invited, row.Standing, row.LowResponse, row.Movement, row.MovementP);
    }
}

/// <summary>Where a supplier stood in the previous finished review of the same scope, and what was decided there.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Reviews.PreviousOutcome")]
public sealed record PreviousOutcome(
    [property: Id(0)] Guid SupplierId,
    [property: Id(1)] int? Rank,
    [property: Id(2)] Standing? Standing,
    [property: Id(3)] string? Decision);

/// <summary>
/// The decision recorded for a supplier. <see cref="Revision"/> counts the times it was recorded, so a page opened
/// before someone else's change is refused instead of overwriting it.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Reviews.ReviewDecision")]
public sealed record ReviewDecision(
    [property: Id(0)] string Decision,
    [property: Id(1)] string Owner,
    [property: Id(2)] DateOnly Due,
    [property: Id(3)] string Note,
    [property: Id(4)] string By,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] int Revision);

/// <summary>One line of the audit trail: who changed what, when. Never changed or removed.</summary>
/// <param name="SupplierId">The supplier the change was about, or null for the review as a whole.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Reviews.ReviewAuditEntry")]
public sealed record ReviewAuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string What,
    [property: Id(3)] Guid? SupplierId);

/// <summary>
/// Freezes a ranking into a review. <paramref name="Rows"/> are every row of the ranking of <paramref name="Period"/>
/// and <paramref name="Category"/> (null: all suppliers), as the ranking gave them.
/// </summary>
/// <param name="Settings">The scorecard settings the ranking was computed with (its standing thresholds); null: the defaults.</param>
/// <param name="DecisionOptions">The decisions a supplier may get in this review; null: <see cref="ReviewRules.DefaultDecisions"/>.</param>
/// <param name="PreviousPeriodLabel">The period the rows' movement compares with, in words; null when there is none.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Reviews.CreateReview")]
public sealed record CreateReview(
    [property: Id(0)] string Title,
    [property: Id(1)] RankingPeriod Period,
    [property: Id(2)] string PeriodLabel,
    [property: Id(3)] string? Category,
    [property: Id(4)] IReadOnlyList<ReviewRow> Rows,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] ScorecardSettings? Settings = null,
    [property: Id(7)] IReadOnlyList<string>? DecisionOptions = null,
    [property: Id(8)] string? PreviousPeriodLabel = null);

/// <summary>A frozen row with where the supplier stood in the previous review and the decision recorded now.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Reviews.ReviewLine")]
public sealed record ReviewLine(
    [property: Id(0)] ReviewRow Row,
    [property: Id(1)] PreviousOutcome? Previous,
    [property: Id(2)] ReviewDecision? Decision);

/// <summary>The review the previous column compares with.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Reviews.ReviewReference")]
public sealed record ReviewReference(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string PeriodLabel,
    [property: Id(3)] DateTimeOffset FinishedAt);

/// <summary>A review as its page shows it: lines in rank order, the audit trail oldest first.</summary>
/// <param name="PreviousReview">The finished review of the same scope the previous column compares with; null if none.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Reviews.ReviewDetails")]
public sealed record ReviewDetails(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Title,
    [property: Id(2)] RankingPeriod Period,
    [property: Id(3)] string PeriodLabel,
    [property: Id(4)] string? PreviousPeriodLabel,
    [property: Id(5)] string? Category,
    [property: Id(6)] ScorecardSettings Settings,
    [property: Id(7)] IReadOnlyList<string> DecisionOptions,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] string CreatedBy,
    [property: Id(10)] DateTimeOffset? FinishedAt,
    [property: Id(11)] string? FinishedBy,
    [property: Id(12)] int Revision,
    [property: Id(13)] ReviewReference? PreviousReview,
    [property: Id(14)] IReadOnlyList<ReviewLine> Lines,
    [property: Id(15)] IReadOnlyList<ReviewAuditEntry> Audit)
{
    public ReviewStatus Status => FinishedAt is null ? ReviewStatus.Open : ReviewStatus.Finished;

    public ReviewLine? LineOf(Guid supplierId) => Lines.FirstOrDefault(l => l.Row.SupplierId == supplierId);
}

/// <summary>A line of the review list.</summary>
/// <param name="Revision">The review's revision when the line was made: the directory keeps the newest.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Reviews.ReviewSummary")]
public sealed record ReviewSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Category,
    [property: Id(3)] RankingPeriod Period,
    [property: Id(4)] string PeriodLabel,
    [property: Id(5)] ReviewStatus Status,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] string CreatedBy,
    [property: Id(8)] DateTimeOffset? FinishedAt,
    [property: Id(9)] int Suppliers,
    [property: Id(10)] int Revision);
