namespace SupplierQuality.Grains.Reviews;

[GrainType("review-directory")]
public sealed class ReviewDirectoryGrain(
    [PersistentState("reviews")] IPersistentState<ReviewDirectoryState> state) : Grain, IReviewDirectoryGrain
{
    public async Task UpsertAsync(ReviewSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (state.State.Reviews.TryGetValue(summary.Id, out var current) && current.Revision >= summary.Revision)
        {
            return;
        }

        state.State.Reviews[summary.Id] = summary;
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<ReviewSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<ReviewSummary>>([.. state.State.Reviews.Values.OrderByDescending(r => r.CreatedAt)]);
}
