namespace SupplierQuality.Scoring.Tests;

public sealed class OverallScoreTests
{
    private static readonly BlendWeights Weights = new()
    {
        Groups = new Dictionary<RespondentGroup, double> { [RespondentGroup.SelfAssessment] = 1, [RespondentGroup.InternalEvaluation] = 2 },
        Metrics = new Dictionary<string, double> { ["onTimeDelivery"] = 1 },
    };

    [Fact]
    public void The_overall_score_is_the_weighted_mean_of_groups_and_metrics()
    {
        // (1·60 + 2·90 + 1·100)/(1 + 2 + 1) = 340/4 = 85.
        var score = OverallScore.Blend(Groups(self: 60, internalEvaluation: 90), Metrics(onTimeDelivery: 100), Weights);

        Assert.Equal(85, score);
    }

    [Fact]
    public void A_group_without_a_score_is_dropped_with_its_weight()
    {
        // (1·60 + 1·100)/(1 + 1) = 80, not (60 + 0 + 100)/4 = 40.
        Assert.Equal(80, OverallScore.Blend(Groups(self: 60, internalEvaluation: null), Metrics(onTimeDelivery: 100), Weights));
        Assert.Equal(80, OverallScore.Blend(new Dictionary<RespondentGroup, double?> { [RespondentGroup.SelfAssessment] = 60 }, Metrics(onTimeDelivery: 100), Weights));
    }

    [Fact]
    public void A_supplier_without_responses_or_metrics_has_no_overall_score()
    {
        Assert.Null(OverallScore.Blend(Groups(self: null, internalEvaluation: null), Metrics(onTimeDelivery: null), Weights));
        Assert.Null(OverallScore.Blend(new Dictionary<RespondentGroup, double?>(), new Dictionary<string, double?>(), Weights));
    }

    [Fact]
    public void Parts_with_weight_zero_or_without_a_weight_do_not_count()
    {
        var selfOnly = new BlendWeights
        {
            Groups = new Dictionary<RespondentGroup, double> { [RespondentGroup.SelfAssessment] = 1, [RespondentGroup.InternalEvaluation] = 0 },
        };

        Assert.Equal(60, OverallScore.Blend(Groups(self: 60, internalEvaluation: 0), Metrics(onTimeDelivery: 100), selfOnly));
        Assert.Null(OverallScore.Blend(Groups(self: null, internalEvaluation: 90), Metrics(onTimeDelivery: 100), selfOnly));
    }

    [Fact]
    public void A_negative_weight_is_refused_even_when_its_part_has_no_score()
    {
        var bad = Weights with { Metrics = new Dictionary<string, double> { ["ppm"] = -1 } };

        Assert.Throws<ArgumentException>(() => OverallScore.Blend(Groups(self: 60, internalEvaluation: 90), Metrics(onTimeDelivery: null), bad));
    }

    private static Dictionary<RespondentGroup, double?> Groups(double? self, double? internalEvaluation) => new()
    {
        [RespondentGroup.SelfAssessment] = self,
        [RespondentGroup.InternalEvaluation] = internalEvaluation,
    };

    private static Dictionary<string, double?> Metrics(double? onTimeDelivery) => new() { ["onTimeDelivery"] = onTimeDelivery };
}
