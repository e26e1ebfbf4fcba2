namespace SupplierQuality.Benchmarks.Node;

/// <summary>
/// How many warnings and errors the node logged, and warnings per logging category (Orleans reports slow grain
/// turns and long queue waits as warnings, which is where lock waits and queueing show).
/// </summary>
internal sealed record NodeLogCounts(long Warnings, long Errors, IReadOnlyDictionary<string, long> Categories)
{
    /// <summary>What was logged after <paramref name="earlier"/>; categories with nothing new are left out.</summary>
    public NodeLogCounts Since(NodeLogCounts earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var categories = Categories
            .Select(c => (c.Key, Count: c.Value - earlier.Categories.GetValueOrDefault(c.Key)))
            .Where(c => c.Count > 0)
            .OrderByDescending(c => c.Count)
            .ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);
        return new NodeLogCounts(Warnings - earlier.Warnings, Errors - earlier.Errors, categories);
    }
}
