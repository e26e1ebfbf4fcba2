using SupplierQuality.Grains.Scorecards;

namespace SupplierQuality.Grains.Reviews;

/// <summary>
/// The part of a review that changes: what it is, its decisions and its audit trail. Storage writes JSON with type
/// names, so every collection has a concrete type. Grows with the suppliers decided and the changes made (at most
/// <see cref="ReviewRules.MaxAuditEntries"/>); the frozen rows are in <see cref="ReviewSnapshotState"/>, written once.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Reviews.ReviewState")]
public sealed class ReviewState
{
    /// <summary>Written last by a create, so a snapshot without it is a create that did not finish.</summary>
    [Id(0)]
    public bool Created { get; set; }

    [Id(1)]
    public string Title { get; set; } = string.Empty;

    [Id(2)]
    public RankingPeriod? Period { get; set; }

    [Id(3)]
    public string PeriodLabel { get; set; } = string.Empty;

    [Id(4)]
    public string? PreviousPeriodLabel { get; set; }

    [Id(5)]
    public string? Category { get; set; }

    [Id(6)]
    public ScorecardSettings Settings { get; set; } = ScorecardSettings.Default;

    [Id(7)]
    public List<string> DecisionOptions { get; set; } = [];

    [Id(8)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(9)]
    public string CreatedBy { get; set; } = string.Empty;

    [Id(10)]
    public DateTimeOffset? FinishedAt { get; set; }

    [Id(11)]
    public string? FinishedBy { get; set; }

    /// <summary>One more with every change.</summary>
    [Id(12)]
    public int Revision { get; set; }

    [Id(13)]
    public Dictionary<Guid, ReviewDecision> Decisions { get; set; } = [];

    /// <summary>Append-only, oldest first.</summary>
    [Id(14)]
    public List<ReviewAuditEntry> Audit { get; set; } = [];
}
