namespace SupplierQuality.Scoring.Tests;

public sealed class ResponseScoreTests
{
    [Theory]
    [InlineData(1, 5, 0)]
    [InlineData(3, 5, 50)]
    [InlineData(4, 5, 75)]
    [InlineData(5, 5, 100)]
    [InlineData(4, 7, 50)]
    [InlineData(2, 4, 33.333333333333333)]
    [InlineData(2, 2, 100)]
    public void A_likert_point_is_spread_evenly_from_0_to_100(int point, int points, double expected)
    {
        Assert.Equal(expected, QuestionValue.Likert(point, points), 1e-12);
    }

    [Fact]
    public void A_rating_is_ten_times_its_value_and_yes_no_is_100_or_0()
    {
        Assert.Equal(70, QuestionValue.Rating(7));
        Assert.Equal(0, QuestionValue.Rating(0));
        Assert.Equal(100, QuestionValue.YesNo(true));
        Assert.Equal(0, QuestionValue.YesNo(false));
    }

    [Theory]
    [InlineData(12, 100)] // inside the target 10-20
    [InlineData(10, 100)]
    [InlineData(20, 100)]
    [InlineData(5, 50)] // below: 100·(5 − 0)/(10 − 0)
    [InlineData(0, 0)]
    [InlineData(-3, 0)] // beyond the minimum stays 0
    [InlineData(22.5, 75)] // above: 100·(30 − 22.5)/(30 − 20)
    [InlineData(30, 0)]
    [InlineData(31, 0)]
    public void A_number_is_100_in_its_target_range_and_falls_linearly_to_0_at_the_scale_ends(double value, double expected)
    {
        Assert.Equal(expected, QuestionValue.Number(value, min: 0, targetLow: 10, targetHigh: 20, max: 30), 1e-12);
    }

    [Fact]
    public void A_number_outside_its_target_without_a_scale_end_on_that_side_is_0()
    {
        Assert.Equal(0, QuestionValue.Number(9, min: null, targetLow: 10, targetHigh: 20, max: null));
        Assert.Equal(0, QuestionValue.Number(21, min: null, targetLow: 10, targetHigh: 20, max: null));
        Assert.Equal(0, QuestionValue.Number(9, min: 10, targetLow: 10, targetHigh: 20, max: 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuestionValue.Number(1, null, 20, 10, null));
    }

    [Fact]
    public void Answers_outside_the_scale_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QuestionValue.Likert(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuestionValue.Likert(6, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuestionValue.Likert(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuestionValue.Rating(11));
    }

    [Fact]
    public void A_dimension_scores_the_mean_of_its_answered_questions()
    {
        // (50 + 100 + 75)/3 = 75.
        Assert.Equal(75, ResponseScore.Dimension([50, 100, 75]));
        Assert.Null(ResponseScore.Dimension([]));
    }

    [Fact]
    public void The_overall_score_weights_the_answered_dimensions()
    {
        // (2·80 + 1·50)/(2 + 1) = 210/3 = 70; the weight-0 dimension does not count.
        Assert.Equal(70, ResponseScore.Overall([(80, 2), (50, 1), (0, 0)]));
    }

    [Fact]
    public void Without_an_answered_weighted_dimension_there_is_no_overall_score()
    {
        Assert.Null(ResponseScore.Overall([]));
        Assert.Null(ResponseScore.Overall([(90, 0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponseScore.Overall([(90, -1)]));
    }

    [Fact]
    public void Equal_scores_give_exactly_that_score_whatever_the_weights()
    {
        // Unclamped, 3·(0.1·100)/(0.1 + 0.1 + 0.1) is 99.99999999999999, which would miss a threshold of 100.
        Assert.Equal(100, ResponseScore.Overall([(100, 0.1), (100, 0.1), (100, 0.1)]));
    }
}
