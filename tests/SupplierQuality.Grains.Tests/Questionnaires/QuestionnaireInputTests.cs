using SupplierQuality.Grains.Questionnaires;
using static SupplierQuality.Grains.Tests.Questionnaires.QuestionnaireSamples;

namespace SupplierQuality.Grains.Tests.Questionnaires;

public sealed class QuestionnaireInputTests
{
    private static Dictionary<string, string[]> DraftErrors(QuestionnaireContent content) =>
        QuestionnaireInput.ValidateDraft(QuestionnaireInput.Normalize(content));

    private static Dictionary<string, string[]> PublishErrors(QuestionnaireContent content) =>
        QuestionnaireInput.ValidateForPublish(QuestionnaireInput.Normalize(content));

    /// <summary>The error keys of a questionnaire holding just this question, in order.</summary>
    private static IEnumerable<string> KeysFor(Question question) =>
        DraftErrors(Content().WithQuestion(question)).Keys.Order(StringComparer.Ordinal);

    private static Question Normalized(Question question) =>
        QuestionnaireInput.Normalize(Content().WithQuestion(question)).Questions.Single();

    [Fact]
    public void A_questionnaire_with_every_kind_of_question_can_be_published()
    {
        Assert.Empty(DraftErrors(Content()));
        Assert.Empty(PublishErrors(Content()));
    }

    [Fact]
    public void A_draft_may_be_unfinished_but_publishing_needs_a_question()
    {
        Assert.Empty(DraftErrors(Content() with { Questions = [] }));
        Assert.Equal(["Add at least one question before publishing."], PublishErrors(Content() with { Questions = [] })["questions"]);
    }

    [Fact]
    public void A_scored_question_without_a_dimension_may_be_saved_but_not_published()
    {
        var content = Content().WithQuestion(Likert(dimension: null));

        Assert.Empty(DraftErrors(content));
        Assert.Equal(["Choose a dimension: answers to this question are scored."], PublishErrors(content)["questions[0].dimensionId"]);
    }

    [Fact]
    public void Unscored_questions_need_no_dimension() =>
        Assert.Empty(PublishErrors(Content(questions: [MultipleChoice(), FreeText(), Number(targetMin: null, targetMax: null)])));

    [Fact]
    public void A_question_may_only_name_a_dimension_of_its_questionnaire() =>
        Assert.Equal(
            ["There is no dimension \"cost\" in this questionnaire."],
            DraftErrors(Content().WithQuestion(Likert(dimension: "cost")))["questions[0].dimensionId"]);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_title_is_required(string title) =>
        Assert.Equal(["Enter a title."], DraftErrors(Content(title))["title"]);

    [Fact]
    public void Title_and_description_have_length_limits()
    {
        var content = Content(new string('t', 201)) with { Description = new string('d', 2001) };

        Assert.Equal(["description", "title"], DraftErrors(content).Keys.Order(StringComparer.Ordinal));
        Assert.Empty(DraftErrors(Content(new string('t', 200)) with { Description = new string('d', 2000) }));
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("1")]
    [InlineData("100")]
    public void A_weight_above_0_and_up_to_100_is_accepted(string weight) =>
        Assert.Empty(DraftErrors(Content() with { Dimensions = [Quality with { Weight = decimal.Parse(weight, System.Globalization.CultureInfo.InvariantCulture) }, Delivery] }));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100.5")]
    public void A_weight_of_0_or_less_or_above_100_is_rejected(string weight) =>
        Assert.Equal(
            ["The weight must be more than 0 and at most 100."],
            DraftErrors(Content() with { Dimensions = [Quality, Delivery with { Weight = decimal.Parse(weight, System.Globalization.CultureInfo.InvariantCulture) }] })["dimensions[1].weight"]);

    [Fact]
    public void A_dimension_needs_a_name_and_a_weight() =>
        Assert.Equal(
            ["dimensions[2].name", "dimensions[2].weight"],
            DraftErrors(Content() with { Dimensions = [Quality, Delivery, new("", " ", null)] }).Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void A_dimension_without_an_id_gets_the_slug_of_its_name_made_unique()
    {
        var content = QuestionnaireInput.Normalize(Content() with
        {
            Dimensions = [Quality, new("", "  Quality Assurance & Réclamations ", 10m), new("", "Quality", 5m)],
        });

        Assert.Equal(["quality", "quality-assurance-reclamations", "quality-2"], content.Dimensions.Select(d => d.Id));
        Assert.Equal("Quality Assurance & Réclamations", content.Dimensions[1].Name);
    }

    [Fact]
    public void Two_dimensions_may_not_share_an_id_or_a_name() =>
        Assert.Equal(
            ["dimensions[1].id", "dimensions[2].name"],
            DraftErrors(Content() with { Dimensions = [Quality, Quality with { Name = "Other" }, Delivery with { Name = "QUALITY" }] })
                .Keys.Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("Quality")]
    [InlineData("on time")]
    [InlineData("-late")]
    [InlineData("late-")]
    [InlineData("very--late")]
    [InlineData("a1234567890123456789012345678901234567890")]
    public void An_id_that_is_not_a_slug_is_rejected(string id) =>
        Assert.Equal(["questions[0].id"], KeysFor(Likert(id)));

    [Fact]
    public void Two_questions_may_not_share_an_id() =>
        Assert.Equal(["questions[1].id"], DraftErrors(Content(questions: [Likert("same"), YesNo("same")])).Keys);

    [Fact]
    public void A_question_needs_text_of_at_most_500_characters_and_help_of_at_most_1000()
    {
        Assert.Equal(["Enter the question."], DraftErrors(Content().WithQuestion(YesNo() with { Text = " " }))["questions[0].text"]);
        Assert.Equal(
            ["questions[0].helpText", "questions[0].text"],
            KeysFor(YesNo() with { Text = new string('q', 501), HelpText = new string('h', 1001) }));
        Assert.Empty(KeysFor(YesNo() with { Text = new string('q', 500), HelpText = new string('h', 1000) }));
    }

    [Fact]
    public void An_undefined_kind_is_rejected() =>
        Assert.Equal(["questions[0].kind"], KeysFor(YesNo() with { Kind = (QuestionKind)42 }));

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(10)]
    public void A_likert_scale_has_3_to_10_points(int points) =>
        Assert.Empty(KeysFor(Likert() with { Points = points }));

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    [InlineData(11)]
    public void A_likert_scale_outside_3_to_10_points_is_rejected(int? points) =>
        Assert.Equal(["Choose from 3 to 10 points."], DraftErrors(Content().WithQuestion(Likert() with { Points = points }))["questions[0].points"]);

    [Fact]
    public void A_likert_scale_needs_labels_at_both_ends() =>
        Assert.Equal(
            ["questions[0].highLabel", "questions[0].lowLabel"],
            KeysFor(Likert() with { LowLabel = " ", HighLabel = null }));

    [Fact]
    public void A_rating_may_leave_its_ends_unlabelled_but_labels_are_limited_to_100_characters()
    {
        Assert.Empty(KeysFor(Rating()));
        Assert.Equal(["questions[0].lowLabel"], KeysFor(Rating() with { LowLabel = new string('l', 101), HighLabel = "Extremely likely" }));
    }

    [Fact]
    public void Only_a_rating_keeps_its_nps_flag()
    {
        Assert.True(Normalized(Rating(nps: true)).Nps);
        Assert.False(Normalized(YesNo() with { Nps = true }).Nps);
    }

    [Fact]
    public void Only_a_scored_question_keeps_its_not_applicable_setting()
    {
        Assert.All([Likert(), Rating(), YesNo(), SingleChoice(), Number()], q => Assert.True(Normalized(q with { AllowNotApplicable = true }).AllowNotApplicable));
        Assert.All(
            [MultipleChoice(), FreeText(), Number(targetMin: null, targetMax: null)],
            q => Assert.False(Normalized(q with { AllowNotApplicable = true }).AllowNotApplicable));
        Assert.False(Normalized(Likert()).AllowNotApplicable);
    }

    [Fact]
    public void A_yes_no_question_is_scored_and_needs_nothing_else()
    {
        Assert.Empty(KeysFor(YesNo()));
        Assert.True(Normalized(YesNo()).IsScored);
    }

    [Fact]
    public void A_single_choice_option_needs_a_score_from_0_to_100()
    {
        var errors = DraftErrors(Content().WithQuestion(SingleChoice(options: [new("", "Never", 100m), new("", "Sometimes", null), new("", "Often", 101m), new("", "Always", -1m)])));

        Assert.Equal(["questions[0].options[1].score", "questions[0].options[2].score", "questions[0].options[3].score"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Enter a score from 0 to 100."], errors["questions[0].options[1].score"]);
        Assert.Equal(["The score must be from 0 to 100."], errors["questions[0].options[2].score"]);
    }

    [Fact]
    public void A_choice_question_has_2_to_20_options_with_distinct_texts()
    {
        var many = Enumerable.Range(1, 21).Select(i => new ChoiceOption("", $"Option {i}", 50m)).ToArray();

        Assert.Equal(["questions[0].options"], KeysFor(SingleChoice(options: [new("", "Only", 100m)])));
        Assert.Equal(["questions[0].options"], KeysFor(SingleChoice(options: many)));
        Assert.Empty(KeysFor(SingleChoice(options: many[..20])));
        Assert.Equal(["questions[0].options[1].text"], KeysFor(SingleChoice(options: [new("", "Never", 100m), new("", " NEVER ", 0m)])));
        Assert.Equal(["questions[0].options[0].text"], KeysFor(MultipleChoice() with { Options = [new("", "", null), new("", "Phone", null)] }));
    }

    [Fact]
    public void Multiple_choice_options_are_not_scored()
    {
        var question = Normalized(MultipleChoice() with { Options = [new("", "Email", 80m), new("", "Phone", 20m)], DimensionId = null });

        Assert.All(question.Options, o => Assert.Null(o.Score));
        Assert.False(question.IsScored);
        Assert.Empty(PublishErrors(Content().WithQuestion(question)));
    }

    [Fact]
    public void A_number_is_scored_only_with_a_target_range()
    {
        Assert.False(Normalized(Number(targetMin: null, targetMax: null)).IsScored);
        Assert.True(Normalized(Number()).IsScored);
    }

    [Fact]
    public void A_number_maximum_must_be_above_its_minimum() =>
        Assert.Equal(
            ["The maximum must be more than the minimum."],
            DraftErrors(Content().WithQuestion(Number(targetMin: null, targetMax: null) with { Min = 5, Max = 5 }))["questions[0].max"]);

    [Fact]
    public void A_number_target_range_needs_both_ends() =>
        Assert.Equal(["questions[0].targetMax"], KeysFor(Number(targetMin: 1, targetMax: null)));

    [Fact]
    public void A_number_target_range_lies_within_the_minimum_and_maximum()
    {
        Assert.Equal(["questions[0].targetMin"], KeysFor(Number(targetMin: -1, targetMax: 2)));
        Assert.Equal(["questions[0].targetMax"], KeysFor(Number(targetMin: 0, targetMax: 31)));
        Assert.Equal(["questions[0].targetMax"], KeysFor(Number(targetMin: 3, targetMax: 2)));
        Assert.Empty(KeysFor(Number(targetMin: 0, targetMax: 30)));
    }

    [Fact]
    public void A_number_target_range_needs_a_minimum_and_maximum_for_the_score_to_fall_to() =>
        Assert.Equal(["questions[0].max", "questions[0].min"], KeysFor(Number() with { Min = null, Max = null }));

    [Fact]
    public void A_number_without_limits_is_valid() =>
        Assert.Empty(KeysFor(Number(targetMin: null, targetMax: null) with { Min = null, Max = null }));

    [Fact]
    public void Free_text_is_limited_to_at_most_4000_characters_and_defaults_to_4000()
    {
        Assert.Equal(4000, Normalized(FreeText(maxLength: null)).MaxLength);
        Assert.Empty(KeysFor(FreeText(maxLength: 4000)));
        Assert.Equal(["questions[0].maxLength"], KeysFor(FreeText(maxLength: 4001)));
        Assert.Equal(["questions[0].maxLength"], KeysFor(FreeText(maxLength: 0)));
        Assert.False(Normalized(FreeText()).IsScored);
    }

    [Fact]
    public void Normalizing_trims_texts_and_clears_the_settings_a_kind_does_not_use()
    {
        var question = Normalized(new Question
        {
            Id = " q9 ",
            Kind = QuestionKind.YesNo,
            Text = "  On time?  ",
            HelpText = " ",
            DimensionId = " delivery ",
            Points = 5,
            LowLabel = "Low",
            Options = [new("", "A", 1m)],
            Min = 1,
            TargetMax = 3,
            MaxLength = 10,
        });

        Assert.Equal(new Question { Id = "q9", Kind = QuestionKind.YesNo, Text = "On time?", DimensionId = "delivery" }, question);
    }

    [Fact]
    public void Too_many_questions_or_dimensions_are_rejected()
    {
        var content = Content() with
        {
            Dimensions = [.. Enumerable.Range(1, 21).Select(i => new Dimension($"d{i}", $"Dimension {i}", 1m))],
            Questions = [.. Enumerable.Range(1, 201).Select(i => YesNo($"q{i}") with { DimensionId = null })],
        };

        Assert.Equal(["dimensions", "questions"], DraftErrors(content).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void New_questions_and_options_get_ids_numbered_past_every_earlier_version()
    {
        var earlier = Content(questions: [Likert("q1"), SingleChoice("q7", new ChoiceOption("o3", "Yes", 100m), new ChoiceOption("o4", "No", 0m))]);
        var current = Content(questions: [Likert("q1"), YesNo(), SingleChoice("", new ChoiceOption("", "Yes", 100m), new ChoiceOption("o1", "No", 0m))]);

        var assigned = QuestionnaireInput.AssignIds(current, [earlier]);

        Assert.Equal(["q1", "q8", "q9"], assigned.Questions.Select(q => q.Id));
        Assert.Equal(["o5", "o1"], assigned.Questions[2].Options.Select(o => o.Id));
        Assert.Equal(assigned, QuestionnaireInput.AssignIds(current, [earlier]));
    }

    [Theory]
    [InlineData("likert", QuestionKind.Likert)]
    [InlineData(" SingleChoice ", QuestionKind.SingleChoice)]
    [InlineData("freetext", QuestionKind.FreeText)]
    public void Kind_names_parse_in_any_case(string value, QuestionKind expected)
    {
        Assert.True(QuestionnaireInput.TryParseKind(value, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("Likert,Rating")]
    [InlineData("Essay")]
    public void Blank_numbers_lists_and_unknown_names_are_not_kinds(string? value) =>
        Assert.False(QuestionnaireInput.TryParseKind(value, out _));

    [Theory]
    [InlineData("Quality", "quality")]
    [InlineData("  On-time delivery!! ", "on-time-delivery")]
    [InlineData("Coût & qualité", "cout-qualite")]
    [InlineData("***", "")]
    public void Slugs_keep_lower_case_letters_and_digits_joined_by_hyphens(string text, string slug) =>
        Assert.Equal(slug, QuestionnaireInput.Slug(text));
}
