using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using static SupplierQuality.Grains.Tests.Invitations.InvitationSamples;

namespace SupplierQuality.Grains.Tests.Invitations;

public sealed class InvitationResponseReadTests(ClusterFixture fixture)
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
    public async Task An_unknown_invitation_has_no_response()
    {
        var grain = Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(InvitationToken.New()));

        Assert.Null(await grain.GetSubmittedAsync());
    }

    [Fact]
    public async Task An_invitation_with_only_a_draft_has_no_response_and_reading_it_does_not_mark_it_opened()
    {
        var (grain, version, _) = await IssueAsync();
        var before = await grain.GetSubmittedAsync();
        var statusAfterRead = (await grain.GetProgressAsync())!.Status;

        await grain.SaveDraftAsync(new Dictionary<string, string[]> { [version.Of(QuestionKind.Likert).Id] = ["2"] });

        Assert.Null(before);
        Assert.Equal(InvitationStatus.Issued, statusAfterRead);
        Assert.Null(await grain.GetSubmittedAsync());
    }

    [Fact]
    public async Task A_submitted_response_reads_back_with_its_answers_version_time_questionnaire_and_scores()
    {
        var (grain, version, command) = await IssueAsync();
        var submitted = (await grain.SubmitAsync(Complete(version), Guid.NewGuid())).Response!;

        var read = (await grain.GetSubmittedAsync())!;

        Assert.Equal((1, fixture.Time.GetUtcNow()), (read.Version, read.SubmittedAt));
        Assert.Equal((command.QuestionnaireId, 1), (read.QuestionnaireId, read.QuestionnaireVersion));
        Assert.Equal(Complete(version), read.Answers);
        Assert.Equal(submitted.Scores, read.Scores);
        Assert.NotNull(read.Scores.Overall);
    }

    [Fact]
    public async Task After_an_edit_the_response_reads_as_version_two_with_the_new_answers()
    {
        var (grain, version, _) = await IssueAsync();
        await grain.SubmitAsync(Complete(version), Guid.NewGuid());
        var edited = Complete(version);
        edited[version.Of(QuestionKind.Likert).Id] = ["5"];
        edited[version.Of(QuestionKind.FreeText).Id] = ["Now they answer at once."];

        await grain.SubmitAsync(edited, Guid.NewGuid());
        var read = (await grain.GetSubmittedAsync())!;

        Assert.Equal(2, read.Version);
        Assert.Equal(edited, read.Answers);
        Assert.Equal((await grain.GetFormAsync())!.Submitted!.Scores, read.Scores);
    }
}
