namespace SupplierQuality.Grains.Reviews;

[GenerateSerializer, Alias("SupplierQuality.Reviews.ReviewDirectoryState")]
public sealed class ReviewDirectoryState
{
    [Id(0)]
    public Dictionary<Guid, ReviewSummary> Reviews { get; set; } = [];
}
