using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Suppliers;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

public sealed class CampaignResendTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static RecordingMailSender Mail => RecordingMailSender.Instance;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task The_same_click_carried_twice_sends_one_resend_and_a_new_click_sends_another()
    {
        var (campaign, supplier, email) = await LaunchedAsync();
        var key = Grains.InvitationOf(Assert.Single(Mail.To(email))).GetPrimaryKeyString();
        var click = new ResendRequest(key, Guid.NewGuid());

        var first = await campaign.ResendAsync(supplier, click);
        await campaign.RunAsync();
        var again = await campaign.ResendAsync(supplier, click);
        await campaign.RunAsync();

        Assert.Equal((CommandOutcome.Ok, CommandOutcome.Ok), (first.Outcome, again.Outcome));
        Assert.Equal($"The invitation to {email} is being sent again.", first.Message);
        Assert.Contains("the repeated click sent nothing more", again.Message, StringComparison.Ordinal);
        Assert.Equal(2, Mail.To(email).Count);
        Assert.StartsWith("Your survey link again: ", Mail.To(email)[1].Subject, StringComparison.Ordinal);

        Assert.Equal(CommandOutcome.Ok, (await campaign.ResendAsync(supplier, Click(key))).Outcome);
        await campaign.RunAsync();
        Assert.Equal(3, Mail.To(email).Count);
    }

    [Fact]
    public async Task Someone_who_answered_gets_nothing_unless_the_manager_says_send_anyway()
    {
        var (campaign, supplier, email) = await LaunchedAsync();
        var invitation = Grains.InvitationOf(Assert.Single(Mail.To(email)));
        var form = (await invitation.GetFormAsync())!;
        Assert.Equal(InvitationOutcome.Ok, (await invitation.SubmitAsync(Invitations.InvitationSamples.Complete(form.Questionnaire), Guid.NewGuid())).Outcome);
        var key = invitation.GetPrimaryKeyString();
        await WaitForAnswerAsync(campaign.GetPrimaryKey(), supplier);

        var refused = await campaign.ResendAsync(supplier, Click(key));
        await campaign.RunAsync();

        Assert.Equal(CommandOutcome.Conflict, refused.Outcome);
        Assert.Contains($"{email} has already answered", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Assert.Single(refused.Value!.Invitations).Waiting);
        Assert.Single(Mail.To(email));

        var asked = await campaign.ResendAsync(supplier, Click(key) with { EvenIfAnswered = true });
        await campaign.RunAsync();

        Assert.Equal(CommandOutcome.Ok, asked.Outcome);
        var resent = Mail.To(email)[1];
        Assert.StartsWith("Your answers, which you may change until the deadline: ", resent.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Reminder", resent.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsubscribed_contact_shows_at_once_and_a_resend_says_why_nothing_goes()
    {
        var (campaign, supplier, email) = await LaunchedAsync();
        var invitation = Grains.InvitationOf(Assert.Single(Mail.To(email)));

        await invitation.UnsubscribeAsync();
        var part = await EventuallyAsync(campaign.GetPrimaryKey(), supplier, p => p.Invitations[0].Unsubscribed);
        var refused = await campaign.ResendAsync(supplier, Click(invitation.GetPrimaryKeyString()));
        await campaign.RunAsync();

        Assert.True(part.Invitations[0].Unsubscribed, "the unsubscribe shows before any send is tried");
        Assert.Equal(CommandOutcome.Conflict, refused.Outcome);
        Assert.Equal($"Nothing was sent: no survey mail goes to {email} (unsubscribed).", refused.Message);
        Assert.Empty(Assert.Single(refused.Value!.Invitations).Waiting);
        Assert.Single(Mail.To(email));
    }

    private async Task<(ICampaignGrain Campaign, Guid Supplier, string Email)> LaunchedAsync()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var email = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts[0].Email;
        return (campaign, supplier, email);
    }

    private Task<SupplierCampaignDetails> WaitForAnswerAsync(Guid campaignId, Guid supplier) =>
        EventuallyAsync(campaignId, supplier, p => p.Invitations[0].ResponseVersion > 0);

    /// <summary>Invitations report to their supplier's campaign one-way: waits until the report arrived.</summary>
    private async Task<SupplierCampaignDetails> EventuallyAsync(Guid campaignId, Guid supplier, Func<SupplierCampaignDetails, bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var part = (await Grains.GetSupplierCampaign(campaignId, supplier).GetAsync())!;
            if (condition(part) || DateTime.UtcNow > until)
            {
                return part;
            }

            await Task.Delay(50);
        }
    }
}
