namespace SupplierQuality.Scoring.Tests;

public sealed class LowResponseTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(40, false)]
    public void Fewer_than_three_responses_are_a_low_response(int count, bool low)
    {
        Assert.Equal(low, LowResponse.Is(count));
    }

    [Fact]
    public void The_minimum_is_configurable()
    {
        Assert.True(LowResponse.Is(4, minimumResponses: 5));
        Assert.False(LowResponse.Is(1, minimumResponses: 1));
    }
}
