using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Grains.Tests.Invitations;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

/// <summary>An evaluator's digest on the campaign's schedule and through a mail outage: these tests move the shared clock.</summary>
[Collection(SharedClock.Name)]
public sealed class EvaluatorDigestScheduleTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static RecordingMailSender Mail => RecordingMailSender.Instance;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task A_reminder_lists_only_the_suppliers_not_yet_answered_and_none_goes_once_all_are()
    {
        var (first, second) = (await SupplierAsync(Grains, "castings", "ana"), await SupplierAsync(Grains, "castings", "ben"));
        var eve = $"eve-{Guid.NewGuid():N}@buyer.test";
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, first, second) with { Evaluators = [new Evaluator("Eve", eve)] });
        var invited = DigestLines(Assert.Single(Mail.To(eve)));
        await SubmitAsync(invited[0].Token);

        fixture.Time.Advance(TimeSpan.FromDays(3));
        await campaign.RunAsync();
        await campaign.RunAsync();

        var mails = Mail.To(eve);
        Assert.Equal(2, mails.Count);
        Assert.Equal([(invited[1].Supplier, false, "not opened", invited[1].Token)], DigestLines(mails[1]));
        Assert.Equal($"Reminder: Please rate {invited[1].Supplier}", mails[1].Subject);
        Assert.Contains("Still to rate (1 of 2 suppliers):", mails[1].TextBody, StringComparison.Ordinal);
        Assert.EndsWith(".reminder-1", mails[1].Id, StringComparison.Ordinal);
        Assert.Null(mails[1].UnsubscribeUrl);
        foreach (var supplier in new[] { first, second })
        {
            // The contacts' reminders are theirs, as before.
            var contact = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts[0].Email;
            Assert.Equal(2, Mail.To(contact).Count);
            Assert.StartsWith("https://survey.test/u/", Mail.To(contact)[1].UnsubscribeUrl, StringComparison.Ordinal);
        }

        await SubmitAsync(invited[1].Token);
        fixture.Time.Advance(TimeSpan.FromDays(4));
        await campaign.RunAsync();
        await campaign.RunAsync();

        Assert.Equal(2, Mail.To(eve).Count);
        Assert.Equal(2, (await campaign.GetAsync())!.RemindersSent);
    }

    [Fact]
    public async Task A_digest_held_back_by_a_mail_outage_waits_and_goes_once_when_the_service_is_back()
    {
        var (first, second) = (await SupplierAsync(Grains, "castings", "ana"), await SupplierAsync(Grains, "castings", "ben"));
        var eve = $"eve-{Guid.NewGuid():N}@buyer.test";
        CampaignDetails details;
        ICampaignGrain campaign;
        Mail.Outage = true;
        try
        {
            campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, first, second) with { Evaluators = [new Evaluator("Eve", eve)] });
            details = await campaign.EventuallyAsync(d => d.Counts.MailWaiting == 4);
            Assert.Equal((4, 0, 4), (details.Counts.Invited, details.Counts.Sent, details.Counts.MailWaiting));
            Assert.StartsWith("Mail for 2 suppliers and 1 evaluator waits to be sent again", details.Work, StringComparison.Ordinal);
            var waiting = (await Grains.GetEvaluatorDigest(campaign.GetPrimaryKey(), eve).GetAsync())!.Mails;
            Assert.Equal([new EvaluatorDigestMailLine("invite-1", 2, EvaluatorDigestMailStatus.Waiting, null)], waiting);

            Mail.Outage = false;
            await campaign.RunAsync();
            Assert.Empty(Mail.To(eve));

            fixture.Time.Advance(TimeSpan.FromMinutes(1));
            await campaign.RunAsync();
            await campaign.RunAsync();
            details = await campaign.EventuallyAsync(d => d.Counts.Sent == 4);
        }
        finally
        {
            Mail.Outage = false;
        }

        var digest = Assert.Single(Mail.To(eve));
        Assert.Equal(2, DigestLines(digest).Count);
        Assert.Equal((4, 0), (details.Counts.Sent, details.Counts.MailWaiting));
        Assert.Null(details.Work);
        Assert.Null(details.LastMailProblem);
    }

    private async Task SubmitAsync(string token)
    {
        var invitation = Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(token));
        var form = (await invitation.GetFormAsync())!;
        Assert.Equal(InvitationOutcome.Ok, (await invitation.SubmitAsync(InvitationSamples.Complete(form.Questionnaire), Guid.NewGuid())).Outcome);
    }
}
