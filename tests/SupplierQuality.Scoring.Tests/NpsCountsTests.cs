using CsCheck;

namespace SupplierQuality.Scoring.Tests;

public sealed class NpsCountsTests
{
    [Fact]
    public void Nps_is_the_share_of_promoters_minus_the_share_of_detractors()
    {
        var counts = Add(default, 10, 9, 9, 8, 7, 6, 3, 0, 10, 9);

        // Promoters 10, 9, 9, 10, 9 = 5; passives 8, 7 = 2; detractors 6, 3, 0 = 3. 100·(5 − 3)/10 = 20.
        Assert.Equal(new NpsCounts(5, 2, 3), counts);
        Assert.Equal(20, counts.Value);
    }

    [Theory]
    [InlineData(10, 1, 0, 0)]
    [InlineData(9, 1, 0, 0)]
    [InlineData(8, 0, 1, 0)]
    [InlineData(7, 0, 1, 0)]
    [InlineData(6, 0, 0, 1)]
    [InlineData(0, 0, 0, 1)]
    public void Nine_and_ten_promote_seven_and_eight_are_passive_six_and_below_detract(int rating, int promoters, int passives, int detractors)
    {
        Assert.Equal(new NpsCounts(promoters, passives, detractors), default(NpsCounts).Add(rating));
    }

    [Fact]
    public void All_promoters_score_100_and_all_detractors_minus_100()
    {
        Assert.Equal(100, Add(default, 9, 10).Value);
        Assert.Equal(-100, Add(default, 0, 6).Value);
        Assert.Equal(0, Add(default, 7, 8).Value);
    }

    [Fact]
    public void Without_ratings_there_is_no_nps()
    {
        Assert.Null(default(NpsCounts).Value);
    }

    [Fact]
    public void A_changed_rating_moves_between_categories()
    {
        var counts = Add(default, 6, 9).Remove(6).Add(8);

        // Promoters 1, passives 1, detractors 0: 100·(1 − 0)/2 = 50.
        Assert.Equal(new NpsCounts(1, 1, 0), counts);
        Assert.Equal(50, counts.Value);
    }

    [Fact]
    public void Removing_a_rating_whose_category_is_empty_and_ratings_outside_0_to_10_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => default(NpsCounts).Add(9).Remove(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => default(NpsCounts).Add(11));
        Assert.Throws<ArgumentOutOfRangeException>(() => default(NpsCounts).Add(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsCounts(-1, 0, 0));
    }

    [Fact]
    public void Nps_lies_from_minus_100_to_100_and_removing_every_rating_leaves_no_counts()
    {
        Gen.Int[0, 10].Array[0, 60].Sample(ratings =>
        {
            var counts = Add(default, ratings);

            Assert.Equal(ratings.Length, counts.Total);
            if (ratings.Length == 0)
            {
                Assert.Null(counts.Value);
            }
            else
            {
                Assert.InRange(Assert.NotNull(counts.Value), -100, 100);
            }

            Assert.Equal(default, ratings.Aggregate(counts, (c, r) => c.Remove(r)));
        });
    }

    private static NpsCounts Add(NpsCounts counts, params int[] ratings) => ratings.Aggregate(counts, (c, r) => c.Add(r));

    [Theory]
    [InlineData(10, NpsGroup.Promoter)]
    [InlineData(9, NpsGroup.Promoter)]
    [InlineData(8, NpsGroup.Passive)]
    [InlineData(7, NpsGroup.Passive)]
    [InlineData(6, NpsGroup.Detractor)]
    [InlineData(0, NpsGroup.Detractor)]
    public void Ratings_of_9_and_10_promote_7_and_8_are_passive_and_the_rest_detract(int rating, NpsGroup group)
    {
        Assert.Equal(group, NpsCounts.GroupOf(rating));
    }
}
