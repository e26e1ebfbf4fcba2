using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Reviews;

/// <summary>
/// A strategic planning review, keyed by its id: a ranking frozen at one moment (one scope, one period), a decision per
/// supplier with its owner, due date and note, and an append-only audit trail of every change. Once finished it is
/// read-only. State: the frozen rows (written once) and the decisions (bounded by the suppliers in the review), the
/// audit trail (bounded by <see cref="ReviewRules.MaxAuditEntries"/>).
/// </summary>
[Alias("SupplierQuality.Reviews.IReviewGrain")]
public interface IReviewGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the review from the ranking's rows and compares it with the most recently finished review of the same
    /// scope. The same content again is <see cref="CommandOutcome.Ok"/> and changes nothing; other content under the
    /// same id is <see cref="CommandOutcome.Conflict"/>.
    /// </summary>
    [Alias("Create")]
    Task<CommandResult<ReviewSummary>> CreateAsync(CreateReview command);

    /// <summary>
    /// Records the supplier's decision when <paramref name="expectedRevision"/> is the revision of its decision now
    /// (0 before the first) and the values are valid. Recording the decision it already has writes nothing and is
    /// <see cref="CommandOutcome.Ok"/>, so a retry is safe. A finished review refuses with
    /// <see cref="CommandOutcome.Conflict"/>; so does a stale revision.
    /// </summary>
    [Alias("RecordDecision")]
    Task<CommandResult<ReviewSummary>> RecordDecisionAsync(Guid supplierId, string decision, string owner, DateOnly due, string note, string by, int expectedRevision);

    /// <summary>Makes the review read-only for good. Finishing a finished review changes nothing and is <see cref="CommandOutcome.Ok"/>.</summary>
    [Alias("Finish")]
    Task<CommandResult<ReviewSummary>> FinishAsync(string by);

    /// <summary>The review, or null if it was never created.</summary>
    [Alias("Get")]
    Task<ReviewDetails?> GetAsync();
}

public static class ReviewGrains
{
    public static IReviewGrain GetReview(this IGrainFactory grains, Guid id)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IReviewGrain>(id);
    }

    public static IReviewDirectoryGrain GetReviewDirectory(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IReviewDirectoryGrain>(0);
    }
}
