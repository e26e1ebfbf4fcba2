using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using static SupplierQuality.Grains.Tests.Invitations.InvitationSamples;
using static SupplierQuality.Grains.Tests.Questionnaires.QuestionnaireSamples;

namespace SupplierQuality.Grains.Tests.Invitations;

/// <summary>"Not applicable" answers: kept with the response like any answer, never scored, only where the question allows them.</summary>
public sealed class InvitationNotApplicableTests(ClusterFixture fixture)
{
    private const string NotApplicable = ResponseAnswers.NotApplicable;

    private IGrainFactory Grains => fixture.Grains;

    /// <summary>
    /// The required Likert (quality), the NPS rating (quality) and the scored number (delivery) allow "Not applicable";
    /// the yes/no (delivery) does not.
    /// </summary>
    private async Task<(IInvitationGrain Grain, QuestionnaireVersion Version)> IssueAsync()
    {
        var content = Content(
            "Not applicable allowed",
            Likert() with { AllowNotApplicable = true },
            Rating() with { AllowNotApplicable = true },
            YesNo(),
            Number() with { AllowNotApplicable = true },
            FreeText());
        var (id, version) = await PublishAsync(Grains, content);
        var grain = Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(InvitationToken.New()));
        Assert.Equal(InvitationOutcome.Created, (await grain.IssueAsync(Command(id, fixture.Time.GetUtcNow().AddDays(30)))).Outcome);
        return (grain, version);
    }

    [Fact]
    public async Task The_questionnaire_keeps_which_questions_allow_not_applicable()
    {
        var (_, version) = await IssueAsync();

        Assert.Equal([true, true, false, true, false], version.Questions.Select(q => q.AllowNotApplicable));
    }

    [Fact]
    public async Task A_required_question_answered_not_applicable_is_submitted_stored_and_left_out_of_the_scores()
    {
        var (grain, version) = await IssueAsync();
        var (likert, rating, yesNo, number) = (version.Of(QuestionKind.Likert).Id, version.Of(QuestionKind.Rating).Id, version.Of(QuestionKind.YesNo).Id, version.Of(QuestionKind.Number).Id);
        var answers = new Dictionary<string, string[]>
        {
            [likert] = [NotApplicable],
            [rating] = ["8"],
            [yesNo] = ["yes"],
            [number] = [NotApplicable],
        };

        var result = await grain.SubmitAsync(answers, Guid.NewGuid());
        await fixture.Cluster.DeactivateAsync(grain);
        var stored = (await grain.GetSubmittedAsync())!;

        Assert.Equal(InvitationOutcome.Ok, result.Outcome);
        Assert.Equal(answers, stored.Answers);
        // Quality: the rating alone, 8 → 80; delivery: yes alone, 100 (the number was not applicable);
        // overall (60 · 80 + 40 · 100) / 100 = 88.
        Assert.Equal([new DimensionScore("quality", 80m, 1), new DimensionScore("delivery", 100m, 1)], stored.Scores.Dimensions);
        Assert.Equal(88m, stored.Scores.Overall);
        Assert.Equal([new NpsAnswer(rating, 8, NpsCategory.Passive)], stored.Scores.Nps);
    }

    [Fact]
    public async Task Not_applicable_on_the_nps_question_counts_for_no_nps()
    {
        var (grain, version) = await IssueAsync();
        var answers = new Dictionary<string, string[]> { [version.Of(QuestionKind.Likert).Id] = ["5"], [version.Of(QuestionKind.Rating).Id] = [NotApplicable] };

        var result = await grain.SubmitAsync(answers, Guid.NewGuid());

        Assert.Equal(InvitationOutcome.Ok, result.Outcome);
        Assert.Empty(result.Response!.Scores.Nps);
        Assert.Equal([new DimensionScore("quality", 100m, 1)], result.Response.Scores.Dimensions);
    }

    [Fact]
    public async Task A_draft_keeps_not_applicable()
    {
        var (grain, version) = await IssueAsync();
        var likert = version.Of(QuestionKind.Likert).Id;

        var saved = await grain.SaveDraftAsync(new Dictionary<string, string[]> { [likert] = [NotApplicable] });

        Assert.Equal(InvitationOutcome.Ok, saved.Outcome);
        Assert.Equal([NotApplicable], (await grain.GetFormAsync())!.Draft![likert]);
    }

    [Fact]
    public async Task Not_applicable_where_the_question_does_not_allow_it_or_beside_another_answer_is_refused_and_nothing_is_written()
    {
        var (grain, version) = await IssueAsync();
        var (likert, yesNo, number) = (version.Of(QuestionKind.Likert).Id, version.Of(QuestionKind.YesNo).Id, version.Of(QuestionKind.Number).Id);

        var result = await grain.SubmitAsync(
            new Dictionary<string, string[]>
            {
                [likert] = ["4", NotApplicable],
                [yesNo] = [NotApplicable],
                [number] = ["12", NotApplicable],
            },
            Guid.NewGuid());

        Assert.Equal(InvitationOutcome.Invalid, result.Outcome);
        Assert.Equal("Give an answer or choose “Not applicable”, not both.", result.Errors[likert].Single());
        Assert.Equal("This question cannot be answered “Not applicable”: choose one of the answers given.", result.Errors[yesNo].Single());
        Assert.Equal("Give an answer or choose “Not applicable”, not both.", result.Errors[number].Single());
        Assert.Null((await grain.GetFormAsync())!.Submitted);
    }

    [Fact]
    public async Task Typed_into_a_free_text_box_n_a_is_text_not_the_not_applicable_answer()
    {
        var (grain, version) = await IssueAsync();
        var text = version.Of(QuestionKind.FreeText);

        var result = await grain.SubmitAsync(
            new Dictionary<string, string[]> { [version.Of(QuestionKind.Likert).Id] = ["3"], [text.Id] = [NotApplicable] }, Guid.NewGuid());

        Assert.Equal(InvitationOutcome.Ok, result.Outcome);
        Assert.Equal([NotApplicable], result.Response!.Answers[text.Id]);
        Assert.False(ResponseAnswers.IsNotApplicable(text, result.Response.Answers[text.Id]));
    }
}
