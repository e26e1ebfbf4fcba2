using CsCheck;

namespace SupplierQuality.Scoring.Tests;

public sealed class RankingTests
{
    [Fact]
    public void One_glowing_response_is_pulled_towards_the_prior()
    {
        // (1·100 + 3·70)/(1 + 3) = 310/4 = 77.5.
        Assert.Equal(77.5, Ranking.BayesianScore(1, 100, 70, 3));
    }

    [Fact]
    public void Twenty_good_responses_beat_one_glowing_response()
    {
        // (20·85 + 3·70)/(20 + 3) = 1910/23 = 83.04347826086956 > 77.5.
        var twentyGood = Assert.NotNull(Ranking.BayesianScore(20, 85, 70));

        Assert.Equal(1910.0 / 23, twentyGood, 1e-12);
        Assert.True(twentyGood > Ranking.BayesianScore(1, 100, 70));
    }

    [Fact]
    public void A_supplier_without_responses_has_no_score_not_the_prior()
    {
        Assert.Null(Ranking.BayesianScore(0, 0, 70));
        Assert.Null(Ranking.BayesianScore(default(Aggregate), 70));
    }

    [Fact]
    public void The_aggregate_form_uses_its_count_and_mean()
    {
        // n = 3, mean 70, prior 90: (3·70 + 3·90)/6 = 480/6 = 80.
        Assert.Equal(80, Ranking.BayesianScore(Aggregate.Of([60, 70, 80]), 90));
    }

    [Fact]
    public void With_no_prior_weight_the_score_is_the_mean()
    {
        Assert.Equal(91, Ranking.BayesianScore(2, 91, 50, 0));
    }

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_skips()
    {
        (string Name, double? Score)[] suppliers = [("A", 90), ("B", 80), ("C", null), ("D", 80), ("E", 70)];

        var ranked = Ranking.Rank(suppliers, s => s.Score);

        Assert.Equal(
            new (string, int?)[] { ("A", 1), ("B", 2), ("D", 2), ("E", 4), ("C", null) },
            ranked.Select(r => (r.Item.Name, r.Rank)));
    }

    [Fact]
    public void Scores_that_differ_only_by_rounding_tie()
    {
        var mean = Assert.NotNull(Aggregate.Of([70.3, 70.4, 70.5]).Mean);
        Assert.NotEqual(70.4, mean);

        var ranked = Ranking.Rank([70.4, mean, 70.3], s => s);

        Assert.Equal(new int?[] { 1, 1, 3 }, ranked.Select(r => r.Rank));
    }

    [Fact]
    public void A_chain_of_tiny_steps_does_not_tie_scores_further_apart_than_the_tolerance()
    {
        // Each step is within the tolerance of its neighbour, but the third is 1.2e-9 below the first.
        var ranked = Ranking.Rank([50, 50 - 0.6e-9, 50 - 1.2e-9], s => s);

        Assert.Equal(new int?[] { 1, 1, 3 }, ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Without_any_score_nothing_is_ranked()
    {
        Assert.Empty(Ranking.Rank(Array.Empty<string>(), _ => 1));
        Assert.All(Ranking.Rank(["a", "b"], _ => null), r => Assert.Null(r.Rank));
    }

    [Fact]
    public void A_score_that_is_not_a_finite_number_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Ranking.Rank([1.0], _ => double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ranking.BayesianScore(1, double.NaN, 70));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ranking.BayesianScore(1, 80, 70, -1));
    }

    [Fact]
    public void The_bayesian_score_lies_between_the_mean_and_the_prior()
    {
        Gen.Select(Gen.Int[0, 1000], Gen.Double[0, 100], Gen.Double[0, 100], Gen.Double[0, 50]).Sample((n, mean, prior, m) =>
        {
            var score = Ranking.BayesianScore(n, mean, prior, m);

            if (n == 0)
            {
                Assert.Null(score);
                return;
            }

            Assert.InRange(Assert.NotNull(score), Math.Min(mean, prior), Math.Max(mean, prior));
            Assert.InRange(score.Value, 0, 100);
        });
    }

    [Fact]
    public void A_ranking_is_a_permutation_in_score_order_with_competition_ranks()
    {
        // Scores on a coarse grid, so that ties are common.
        var scores = Gen.Int[0, 20].Select(i => i * 5.0).Nullable(0.2).Array[0, 40];
        scores.Sample(score =>
        {
            var ranked = Ranking.Rank(Enumerable.Range(0, score.Length), i => score[i]);

            Assert.Equal(Enumerable.Range(0, score.Length), ranked.Select(r => r.Item).Order());
            var scored = score.Count(s => s is not null);
            Assert.All(ranked.Skip(scored), r => Assert.Null(r.Rank));
            Assert.All(ranked.Skip(scored), r => Assert.Null(score[r.Item]));
            for (var position = 0; position < scored; position++)
            {
                var rank = Assert.NotNull(ranked[position].Rank);
                Assert.InRange(rank, 1, scored);
                if (position == 0)
                {
                    Assert.Equal(1, rank);
                    continue;
                }

                var (here, before) = (Assert.NotNull(score[ranked[position].Item]), Assert.NotNull(score[ranked[position - 1].Item]));
                Assert.True(here <= before);
                Assert.True(rank >= ranked[position - 1].Rank);
                Assert.Equal(here == before ? ranked[position - 1].Rank : position + 1, rank);
            }
        });
    }
}
