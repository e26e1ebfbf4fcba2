using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using static SupplierQuality.Grains.Tests.Invitations.InvitationSamples;

namespace SupplierQuality.Grains.Tests.Invitations;

public sealed class InvitationGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<(IInvitationGrain Grain, QuestionnaireVersion Version, IssueInvitation Command)> IssueAsync()
    {
        var (id, version) = await PublishAsync(Grains);
        var command = Command(id, fixture.Time.GetUtcNow().AddDays(30));
        var grain = Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(InvitationToken.New()));
        Assert.Equal(InvitationOutcome.Created, (await grain.IssueAsync(command)).Outcome);
        return (grain, version, command);
    }

    [Fact]
    public async Task Issuing_the_same_invitation_twice_changes_nothing()
    {
        var (grain, _, command) = await IssueAsync();
        var before = await grain.GetFormAsync();

        var again = await grain.IssueAsync(command with { RecipientName = "  Dana Supplier " });

        Assert.Equal(InvitationOutcome.Ok, again.Outcome);
        Assert.Equal(before!.Deadline, (await grain.GetFormAsync())!.Deadline);
    }

    [Fact]
    public async Task Issuing_other_details_under_an_existing_token_is_a_conflict()
    {
        var (grain, _, command) = await IssueAsync();

        var other = await grain.IssueAsync(command with { RecipientEmail = "someone.else@supplier.test" });

        Assert.Equal(InvitationOutcome.Conflict, other.Outcome);
        Assert.Equal("Dana Supplier", (await grain.GetFormAsync())!.RecipientName);
    }

    [Fact]
    public async Task Issuing_for_an_unpublished_questionnaire_or_with_blank_names_is_invalid_and_writes_nothing()
    {
        var grain = Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(InvitationToken.New()));
        var command = Command(Guid.NewGuid(), fixture.Time.GetUtcNow().AddDays(1)) with { BuyerName = " " };

        var result = await grain.IssueAsync(command);

        Assert.Equal(InvitationOutcome.Invalid, result.Outcome);
        Assert.Equal(["buyerName", "questionnaireVersion"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(await grain.GetFormAsync());
    }

    [Fact]
    public async Task An_unknown_invitation_has_no_form_and_its_commands_are_not_found()
    {
        var grain = Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(InvitationToken.New()));

        Assert.Null(await grain.GetFormAsync());
        Assert.Equal(
            [InvitationOutcome.NotFound, InvitationOutcome.NotFound, InvitationOutcome.NotFound],
            [
                (await grain.SaveDraftAsync(new Dictionary<string, string[]>())).Outcome,
                (await grain.SubmitAsync(new Dictionary<string, string[]>(), Guid.NewGuid())).Outcome,
                (await grain.CloseAsync(InvitationEnding.Cancelled)).Outcome,
            ]);
    }

    [Fact]
    public async Task The_form_carries_the_campaign_and_the_questions_and_opening_it_marks_it_opened()
    {
        var (grain, version, command) = await IssueAsync();

        var form = (await grain.GetFormAsync())!;

        Assert.Equal(InvitationStatus.Opened, form.Status);
        Assert.Equal(("Acme Buying Ltd", "Supplier survey 2025", command.Deadline, false), (form.BuyerName, form.CampaignName, form.Deadline, form.IsClosed));
        Assert.Equal(version.Content, form.Questionnaire.Content);
        Assert.Null(form.Draft);
        Assert.Null(form.Submitted);
    }

    [Fact]
    public async Task A_saved_incomplete_draft_comes_back_when_the_form_is_opened_again()
    {
        var (grain, version, _) = await IssueAsync();
        var likert = version.Of(QuestionKind.Likert).Id;
        var text = version.Of(QuestionKind.FreeText).Id;

        var saved = await grain.SaveDraftAsync(new Dictionary<string, string[]> { [likert] = ["2"], [text] = ["  half done  "], ["q3"] = [""] });
        var form = (await grain.GetFormAsync())!;

        Assert.Equal(InvitationOutcome.Ok, saved.Outcome);
        Assert.Equal(InvitationStatus.InProgress, form.Status);
        Assert.Equal(new Dictionary<string, string[]> { [likert] = ["2"], [text] = ["half done"] }, form.Draft);
        Assert.Equal(fixture.Time.GetUtcNow(), form.DraftSavedAt);
    }

    [Fact]
    public async Task A_draft_with_answers_of_the_wrong_shape_is_refused_and_nothing_is_saved()
    {
        var (grain, version, _) = await IssueAsync();
        var likert = version.Of(QuestionKind.Likert).Id;
        await grain.SaveDraftAsync(new Dictionary<string, string[]> { [likert] = ["3"] });

        var result = await grain.SaveDraftAsync(new Dictionary<string, string[]>
        {
            [likert] = ["6"],
            [version.Of(QuestionKind.FreeText).Id] = [new string('x', 1001)],
            ["no-such-question"] = ["1"],
        });

        Assert.Equal(InvitationOutcome.Invalid, result.Outcome);
        Assert.Equal([ResponseAnswers.FormKey, likert, version.Of(QuestionKind.FreeText).Id], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, string[]> { [likert] = ["3"] }, (await grain.GetFormAsync())!.Draft);
    }

    [Fact]
    public async Task A_free_text_answer_with_a_control_character_is_refused_but_line_breaks_and_tabs_are_kept()
    {
        var (grain, version, _) = await IssueAsync();
        var text = version.Of(QuestionKind.FreeText).Id;

        var refused = await grain.SaveDraftAsync(new Dictionary<string, string[]> { [text] = ["a\0b"] });
        var kept = await grain.SaveDraftAsync(new Dictionary<string, string[]> { [text] = ["first line\r\nsecond\tline"] });

        Assert.Equal(InvitationOutcome.Invalid, refused.Outcome);
        Assert.Equal("Remove the control characters from the answer.", refused.Errors[text].Single());
        Assert.Equal(InvitationOutcome.Ok, kept.Outcome);
        Assert.Equal(["first line\r\nsecond\tline"], (await grain.GetFormAsync())!.Draft![text]);
    }

    [Fact]
    public async Task Submitting_checks_every_rule_and_writes_nothing_when_one_is_broken()
    {
        var (grain, version, _) = await IssueAsync();
        var answers = Complete(version);
        answers.Remove(version.Of(QuestionKind.Likert).Id);
        answers[version.Of(QuestionKind.Rating).Id] = ["11"];
        answers[version.Of(QuestionKind.YesNo).Id] = ["maybe"];
        answers[version.Of(QuestionKind.SingleChoice).Id] = ["o99"];
        answers[version.Of(QuestionKind.MultipleChoice).Id] = [version.Of(QuestionKind.MultipleChoice).Options[0].Id, "o99"];
        answers[version.Of(QuestionKind.Number).Id] = ["31"];
        answers[version.Of(QuestionKind.FreeText).Id] = [new string('x', 1001)];

        var result = await grain.SubmitAsync(answers, Guid.NewGuid());

        Assert.Equal(InvitationOutcome.Invalid, result.Outcome);
        Assert.Equal(version.Questions.Select(q => q.Id).Order(StringComparer.Ordinal), result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Choose an answer.", result.Errors[version.Of(QuestionKind.Likert).Id].Single());
        Assert.Equal("Enter a number from 0 to 30.", result.Errors[version.Of(QuestionKind.Number).Id].Single());
        var form = (await grain.GetFormAsync())!;
        Assert.Null(form.Submitted);
        Assert.Equal(InvitationStatus.Opened, form.Status);
    }

    [Fact]
    public async Task Optional_questions_may_be_left_out_of_a_submission()
    {
        var (grain, version, _) = await IssueAsync();

        var result = await grain.SubmitAsync(new Dictionary<string, string[]> { [version.Of(QuestionKind.Likert).Id] = ["5"] }, Guid.NewGuid());

        Assert.Equal(InvitationOutcome.Ok, result.Outcome);
        Assert.Equal(100m, result.Response!.Scores.Overall);
    }

    [Fact]
    public async Task A_submission_is_stored_as_version_one_with_its_scores_and_clears_the_draft()
    {
        var (grain, version, _) = await IssueAsync();
        await grain.SaveDraftAsync(new Dictionary<string, string[]> { [version.Of(QuestionKind.Likert).Id] = ["1"] });
        var answers = Complete(version);

        var result = await grain.SubmitAsync(answers, Guid.NewGuid());
        var form = (await grain.GetFormAsync())!;

        Assert.Equal(InvitationOutcome.Ok, result.Outcome);
        Assert.Equal(1, result.Response!.Version);
        Assert.Equal(answers, result.Response.Answers);
        Assert.Equal(ResponseScoring.Score(version, answers), result.Response.Scores);
        Assert.Equal(InvitationStatus.Submitted, form.Status);
        Assert.Null(form.Draft);
        Assert.Equal(result.Response, form.Submitted);
    }

    [Fact]
    public async Task A_duplicate_or_concurrent_submit_with_the_same_submission_id_returns_the_same_version()
    {
        var (grain, version, _) = await IssueAsync();
        var submission = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => grain.SubmitAsync(Complete(version), submission)));
        var again = await grain.SubmitAsync(Complete(version), submission);

        Assert.All(results.Append(again), r => Assert.Equal((InvitationOutcome.Ok, 1), (r.Outcome, r.Response!.Version)));
        Assert.Equal(1, (await grain.GetFormAsync())!.Submitted!.Version);
    }

    [Fact]
    public async Task An_edit_before_the_deadline_becomes_version_two()
    {
        var (grain, version, _) = await IssueAsync();
        var first = Guid.NewGuid();
        await grain.SubmitAsync(Complete(version), first);
        var edited = Complete(version);
        edited[version.Of(QuestionKind.Likert).Id] = ["5"];

        var result = await grain.SubmitAsync(edited, Guid.NewGuid());
        var retryOfFirst = await grain.SubmitAsync(Complete(version), first);

        Assert.Equal((InvitationOutcome.Ok, 2), (result.Outcome, result.Response!.Version));
        Assert.Equal(["5"], (await grain.GetFormAsync())!.Submitted!.Answers[version.Of(QuestionKind.Likert).Id]);
        Assert.Equal((InvitationOutcome.Ok, 1), (retryOfFirst.Outcome, retryOfFirst.Response!.Version));
        Assert.Equal(2, (await grain.GetFormAsync())!.Submitted!.Version);
    }

    [Fact]
    public async Task A_cancelled_invitation_refuses_drafts_and_submissions_but_still_shows_its_form()
    {
        var (grain, version, _) = await IssueAsync();

        Assert.Equal(InvitationOutcome.Ok, (await grain.CloseAsync(InvitationEnding.Cancelled)).Outcome);
        Assert.Equal(InvitationOutcome.Ok, (await grain.CloseAsync(InvitationEnding.ClosedEarly)).Outcome);

        Assert.Equal(InvitationOutcome.Closed, (await grain.SaveDraftAsync(Complete(version))).Outcome);
        Assert.Equal(InvitationOutcome.Closed, (await grain.SubmitAsync(Complete(version), Guid.NewGuid())).Outcome);
        var form = (await grain.GetFormAsync())!;
        Assert.Equal((InvitationEnding.Cancelled, true, (SubmittedResponse?)null), (form.Ending, form.IsClosed, form.Submitted));
    }

    [Fact]
    public async Task Closing_keeps_what_the_respondent_did_so_no_count_goes_down()
    {
        var (grain, version, _) = await IssueAsync();
        await grain.GetFormAsync();
        await grain.SaveDraftAsync(Complete(version));

        await grain.CloseAsync(InvitationEnding.ClosedEarly);

        var progress = (await grain.GetProgressAsync())!;
        var form = (await grain.GetFormAsync())!;
        Assert.Equal((InvitationStatus.InProgress, InvitationEnding.ClosedEarly, true), (progress.Status, form.Ending, form.IsClosed));
    }

    [Fact]
    public async Task Draft_and_submitted_answers_survive_deactivation()
    {
        var (grain, version, _) = await IssueAsync();
        var submission = Guid.NewGuid();
        await grain.SubmitAsync(Complete(version), submission);
        var likert = version.Of(QuestionKind.Likert).Id;
        await grain.SaveDraftAsync(new Dictionary<string, string[]> { [likert] = ["2"] });
        var before = (await grain.GetFormAsync())!;

        await fixture.Cluster.DeactivateAsync(grain);
        var after = (await grain.GetFormAsync())!;

        Assert.Equal(before.Submitted, after.Submitted);
        Assert.Equal(before.Draft, after.Draft);
        Assert.Equal((before.Status, before.Deadline, before.DraftSavedAt), (after.Status, after.Deadline, after.DraftSavedAt));
        Assert.Equal(1, (await grain.SubmitAsync(Complete(version), submission)).Response!.Version);
        Assert.Equal(2, (await grain.SubmitAsync(Complete(version), Guid.NewGuid())).Response!.Version);
    }
}
