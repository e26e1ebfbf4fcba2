using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

public sealed class CampaignRemindNowTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static RecordingMailSender Mail => RecordingMailSender.Instance;

    [Fact]
    public async Task A_reminder_by_hand_goes_now_with_its_line_to_those_who_have_not_answered_once_per_click()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana", "ben");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, fixture.Time.GetUtcNow(), supplier));
        var contacts = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts;
        var answered = Grains.InvitationOf(Assert.Single(Mail.To(contacts[0].Email)));
        var form = (await answered.GetFormAsync())!;
        await answered.SubmitAsync(Invitations.InvitationSamples.Complete(form.Questionnaire), Guid.NewGuid());
        await campaign.EventuallyAsync(d => d.Counts.Submitted == 1);
        var click = Guid.NewGuid();

        var first = await campaign.RemindNowAsync(click, "  We close the books on Friday: please answer by Thursday.  ");
        await campaign.RunAsync();
        var again = await campaign.RemindNowAsync(click, "We close the books on Friday: please answer by Thursday.");
        await campaign.RunAsync();

        Assert.Equal((CommandOutcome.Ok, CommandOutcome.Ok), (first.Outcome, again.Outcome));
        Assert.Equal("That click already sent its reminder; nothing more was sent.", again.Message);
        Assert.Single(Mail.To(contacts[0].Email));
        var toBen = Mail.To(contacts[1].Email);
        Assert.Equal(2, toBen.Count);
        Assert.StartsWith("Reminder: ", toBen[1].Subject, StringComparison.Ordinal);
        Assert.Contains("We close the books on Friday: please answer by Thursday.", toBen[1].TextBody, StringComparison.Ordinal);
        Assert.Equal(TokenOf(toBen[0]), TokenOf(toBen[1]));
        var line = (await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier).GetAsync())!.Invitations.Single(i => i.Email == contacts[1].Email);
        Assert.Equal(["invite", "nudge-1"], line.Sent);
    }

    [Fact]
    public async Task A_line_too_long_or_a_closed_campaign_sends_nothing_and_says_why()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, fixture.Time.GetUtcNow(), supplier));
        var email = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts[0].Email;

        var tooLong = await campaign.RemindNowAsync(Guid.NewGuid(), new string('x', CampaignInput.MaxHandReminderLine + 1));
        await campaign.CloseAsync();
        var closed = await campaign.RemindNowAsync(Guid.NewGuid(), null);
        await campaign.RunAsync();

        Assert.Equal(CommandOutcome.Invalid, tooLong.Outcome);
        Assert.Equal(["line"], tooLong.Errors.Keys);
        Assert.Equal((CommandOutcome.Conflict, "Reminders go out while the campaign is open."), (closed.Outcome, closed.Message));
        Assert.Single(Mail.To(email));
    }
}
