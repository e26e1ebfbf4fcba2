namespace SupplierQuality.Scoring;

/// <summary>A score rests on a low response when it has fewer than a minimum number of responses (default 3).</summary>
public static class LowResponse
{
    public const int DefaultMinimumResponses = 3;

    public static bool Is(int count, int minimumResponses = DefaultMinimumResponses)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumResponses);
        return count < minimumResponses;
    }
}
