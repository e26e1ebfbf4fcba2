namespace SupplierQuality.Grains.Reviews;

/// <summary>The list of strategic planning reviews (key 0). Each review keeps its own line current. Grows with reviews.</summary>
[Alias("SupplierQuality.Reviews.IReviewDirectoryGrain")]
public interface IReviewDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the line unless the directory holds this review at the same or a later revision.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(ReviewSummary summary);

    /// <summary>Every review, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ReviewSummary>> ListAsync();
}
