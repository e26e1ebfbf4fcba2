namespace SupplierQuality.Grains.Reviews;

/// <summary>
/// The ranking as the review froze it, and where each supplier stood in the previous review: one line per supplier,
/// written once when the review is created, so recording a decision never rewrites it.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Reviews.ReviewSnapshotState")]
public sealed class ReviewSnapshotState
{
    /// <summary>In the ranking's order.</summary>
    [Id(0)]
    public List<ReviewRow> Rows { get; set; } = [];

    [Id(1)]
    public ReviewReference? PreviousReview { get; set; }

    /// <summary>Only the suppliers of <see cref="Rows"/> that were in the previous review.</summary>
    [Id(2)]
    public List<PreviousOutcome> Previous { get; set; } = [];
}
