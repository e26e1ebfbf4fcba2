using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Grains.Tests.Invitations;

public sealed class ResponseScoringTests
{
    private static readonly Question Likert5 = new() { Id = "likert", Kind = QuestionKind.Likert, Points = 5, DimensionId = "quality" };
    private static readonly Question Nps = new() { Id = "nps", Kind = QuestionKind.Rating, Nps = true, DimensionId = "quality" };
    private static readonly Question OnTime = new() { Id = "on-time", Kind = QuestionKind.YesNo, DimensionId = "delivery" };

    private static readonly Question Late = new()
    {
        Id = "late",
        Kind = QuestionKind.SingleChoice,
        DimensionId = "delivery",
        Options = [new("never", "Never", 100m), new("sometimes", "Sometimes", 40m), new("often", "Often", 0m)],
    };

    private static readonly Question DaysLate = new()
    {
        Id = "days-late",
        Kind = QuestionKind.Number,
        DimensionId = "delivery",
        Min = 0,
        Max = 30,
        TargetMin = 0,
        TargetMax = 2,
    };

    private static readonly Question Price = new() { Id = "price", Kind = QuestionKind.YesNo, DimensionId = "cost" };
    private static readonly Question Channels = new() { Id = "channels", Kind = QuestionKind.MultipleChoice, Options = [new("email", "Email", null)] };
    private static readonly Question Comment = new() { Id = "comment", Kind = QuestionKind.FreeText, MaxLength = 100 };

    private static QuestionnaireVersion Version(params Question[] questions) => new(1, VersionStatus.Published, DateTimeOffset.UnixEpoch, new QuestionnaireContent
    {
        Title = "Scoring",
        Dimensions = [new("quality", "Quality", 3m), new("delivery", "Delivery", 1m), new("cost", "Cost", 2m)],
        Questions = questions,
    });

    private static decimal? ValueOf(Question question, string answer) => ResponseScoring.Value(question, answer);

    [Theory]
    [InlineData(5, "1", 0)]
    [InlineData(5, "4", 75)]
    [InlineData(5, "5", 100)]
    [InlineData(3, "2", 50)]
    [InlineData(6, "3", 40)]
    public void A_likert_answer_of_x_on_k_points_scores_100_times_x_minus_1_over_k_minus_1(int points, string answer, double expected)
    {
        Assert.Equal((decimal)expected, ValueOf(Likert5 with { Points = points }, answer));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 70)]
    [InlineData("10", 100)]
    public void A_rating_of_x_scores_10_times_x(string answer, double expected)
    {
        Assert.Equal((decimal)expected, ValueOf(Nps, answer));
    }

    [Fact]
    public void Yes_scores_100_and_no_scores_0()
    {
        Assert.Equal((100m, 0m), (ValueOf(OnTime, "yes"), ValueOf(OnTime, "no")));
    }

    [Fact]
    public void A_single_choice_scores_the_chosen_options_score()
    {
        Assert.Equal((100m, 40m, 0m), (ValueOf(Late, "never"), ValueOf(Late, "sometimes"), ValueOf(Late, "often")));
        Assert.Null(ValueOf(Late, "unknown"));
    }

    [Theory]
    [InlineData("0", 100)]
    [InlineData("2", 100)]
    [InlineData("16", 50)]
    [InlineData("30", 0)]
    public void A_number_scores_100_in_its_target_range_falling_linearly_to_0_at_the_maximum(string answer, double expected)
    {
        Assert.Equal((decimal)expected, ValueOf(DaysLate, answer));
    }

    [Theory]
    [InlineData("5", 50)]
    [InlineData("15", 100)]
    [InlineData("25", 50)]
    [InlineData("0", 0)]
    public void A_number_below_the_target_falls_linearly_to_0_at_the_minimum(string answer, double expected)
    {
        var question = DaysLate with { Min = 0, Max = 30, TargetMin = 10, TargetMax = 20 };

        Assert.Equal((decimal)expected, ValueOf(question, answer));
    }

    [Fact]
    public void Free_text_multiple_choice_and_a_number_without_a_target_are_not_scored()
    {
        Assert.Null(ValueOf(Comment, "Great"));
        Assert.Null(ValueOf(Channels, "email"));
        Assert.Null(ValueOf(DaysLate with { TargetMin = null, TargetMax = null }, "1"));
    }

    [Fact]
    public void Dimension_scores_are_means_and_the_overall_score_is_their_weighted_mean_over_answered_dimensions()
    {
        var version = Version(Likert5, Nps, OnTime, Late, DaysLate, Price, Channels, Comment);
        var answers = new Dictionary<string, string[]>
        {
            ["likert"] = ["4"],
            ["nps"] = ["8"],
            ["on-time"] = ["no"],
            ["late"] = ["sometimes"],
            ["days-late"] = ["16"],
            ["channels"] = ["email"],
            ["comment"] = ["Fine."],
        };

        var scores = ResponseScoring.Score(version, answers);

        // quality (75 + 80) / 2 = 77.5; delivery (0 + 40 + 50) / 3 = 30; cost unanswered, so left out:
        // overall (3 * 77.5 + 1 * 30) / (3 + 1) = 65.625.
        Assert.Equal([new DimensionScore("quality", 77.5m, 2), new DimensionScore("delivery", 30m, 3)], scores.Dimensions);
        Assert.Equal(65.625m, scores.Overall);
    }

    [Fact]
    public void Unanswered_scored_questions_do_not_pull_a_dimension_down()
    {
        var scores = ResponseScoring.Score(Version(Likert5, Nps), new Dictionary<string, string[]> { ["likert"] = ["5"] });

        Assert.Equal([new DimensionScore("quality", 100m, 1)], scores.Dimensions);
        Assert.Equal(100m, scores.Overall);
    }

    [Fact]
    public void A_response_without_scored_answers_has_no_overall_score()
    {
        var scores = ResponseScoring.Score(Version(Likert5, Comment), new Dictionary<string, string[]> { ["comment"] = ["Nothing to add."] });

        Assert.Null(scores.Overall);
        Assert.Empty(scores.Dimensions);
        Assert.Empty(scores.Nps);
    }

    [Theory]
    [InlineData("0", NpsCategory.Detractor)]
    [InlineData("6", NpsCategory.Detractor)]
    [InlineData("7", NpsCategory.Passive)]
    [InlineData("8", NpsCategory.Passive)]
    [InlineData("9", NpsCategory.Promoter)]
    [InlineData("10", NpsCategory.Promoter)]
    public void An_nps_rating_is_a_detractor_from_0_to_6_a_passive_at_7_or_8_and_a_promoter_at_9_or_10(string answer, NpsCategory category)
    {
        var scores = ResponseScoring.Score(Version(Nps), new Dictionary<string, string[]> { ["nps"] = [answer] });

        Assert.Equal([new NpsAnswer("nps", int.Parse(answer, System.Globalization.CultureInfo.InvariantCulture), category)], scores.Nps);
    }

    [Fact]
    public void A_rating_without_the_nps_flag_counts_for_no_nps()
    {
        var scores = ResponseScoring.Score(Version(Nps with { Nps = false }), new Dictionary<string, string[]> { ["nps"] = ["10"] });

        Assert.Empty(scores.Nps);
        Assert.Equal(100m, scores.Overall);
    }

    [Fact]
    public void Not_applicable_has_no_value_on_any_kind_of_scored_question()
    {
        Assert.All([Likert5, Nps, OnTime, Late, DaysLate], q => Assert.Null(ValueOf(q with { AllowNotApplicable = true }, ResponseAnswers.NotApplicable)));
    }

    [Fact]
    public void A_not_applicable_answer_scores_exactly_as_the_question_left_unanswered()
    {
        var version = Version(Likert5, Nps, OnTime, Late, DaysLate, Price);
        var answered = new Dictionary<string, string[]>
        {
            ["likert"] = ["4"],
            ["nps"] = ["8"],
            ["on-time"] = ["no"],
            ["late"] = ["sometimes"],
            ["days-late"] = ["16"],
            ["price"] = ["yes"],
        };

        foreach (var question in answered.Keys)
        {
            var notApplicable = new Dictionary<string, string[]>(answered) { [question] = [ResponseAnswers.NotApplicable] };
            var left = new Dictionary<string, string[]>(answered);
            left.Remove(question);

            Assert.Equal(ResponseScoring.Score(version, left), ResponseScoring.Score(version, notApplicable));
        }
    }

    [Fact]
    public void Not_applicable_leaves_a_question_out_of_its_dimension_mean_and_a_dimension_of_only_not_applicable_out_of_the_overall()
    {
        var version = Version(Likert5, Nps, OnTime, Late);
        var answers = new Dictionary<string, string[]>
        {
            ["likert"] = ["4"],
            ["nps"] = [ResponseAnswers.NotApplicable],
            ["on-time"] = [ResponseAnswers.NotApplicable],
            ["late"] = [ResponseAnswers.NotApplicable],
        };

        var scores = ResponseScoring.Score(version, answers);

        // quality: the Likert 4 of 5 alone (75), answered once; delivery: nothing to score, so the overall is quality's.
        Assert.Equal([new DimensionScore("quality", 75m, 1)], scores.Dimensions);
        Assert.Equal(75m, scores.Overall);
        Assert.Empty(scores.Nps);
    }

    [Fact]
    public void A_response_answered_not_applicable_throughout_has_no_score()
    {
        var version = Version(Likert5, OnTime);
        var answers = new Dictionary<string, string[]> { ["likert"] = [ResponseAnswers.NotApplicable], ["on-time"] = [ResponseAnswers.NotApplicable] };

        var scores = ResponseScoring.Score(version, answers);

        Assert.Null(scores.Overall);
        Assert.Empty(scores.Dimensions);
    }
}
