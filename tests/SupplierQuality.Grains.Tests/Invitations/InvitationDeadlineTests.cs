using SupplierQuality.Grains.Invitations;
using static SupplierQuality.Grains.Tests.Invitations.InvitationSamples;

namespace SupplierQuality.Grains.Tests.Invitations;

[Collection(SharedClock.Name)]
public sealed class InvitationDeadlineTests(ClusterFixture fixture)
{
    [Fact]
    public async Task After_the_deadline_the_form_is_closed_and_submits_are_refused_but_a_retry_of_a_stored_submit_still_succeeds()
    {
        var (id, version) = await PublishAsync(fixture.Grains);
        var grain = fixture.Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(InvitationToken.New()));
        await grain.IssueAsync(Command(id, fixture.Time.GetUtcNow().AddHours(1)));
        var submission = Guid.NewGuid();
        await grain.SubmitAsync(Complete(version), submission);

        fixture.Time.Advance(TimeSpan.FromMinutes(59));
        var beforeDeadline = await grain.SaveDraftAsync(Complete(version));
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(InvitationOutcome.Ok, beforeDeadline.Outcome);
        Assert.True((await grain.GetFormAsync())!.IsClosed);
        Assert.Equal(InvitationOutcome.Closed, (await grain.SubmitAsync(Complete(version), Guid.NewGuid())).Outcome);
        Assert.Equal(InvitationOutcome.Closed, (await grain.SaveDraftAsync(Complete(version))).Outcome);
        var retry = await grain.SubmitAsync(Complete(version), submission);
        Assert.Equal((InvitationOutcome.Ok, 1), (retry.Outcome, retry.Response!.Version));
    }

    [Fact]
    public async Task An_invitation_cannot_be_issued_with_a_deadline_that_has_passed()
    {
        var (id, _) = await PublishAsync(fixture.Grains);
        var grain = fixture.Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(InvitationToken.New()));

        var result = await grain.IssueAsync(Command(id, fixture.Time.GetUtcNow()));

        Assert.Equal(InvitationOutcome.Invalid, result.Outcome);
        Assert.Equal(["deadline"], result.Errors.Keys);
    }
}
