using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Suppliers;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

/// <summary>Opening times, reminders, deadlines and retries: these tests move the shared clock.</summary>
[Collection(SharedClock.Name)]
public sealed class CampaignScheduleTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static RecordingMailSender Mail => RecordingMailSender.Instance;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private async Task<IReadOnlyList<string>> EmailsAsync(Guid supplier) =>
        [.. (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts.Select(c => c.Email)];

    [Fact]
    public async Task A_scheduled_campaign_sends_nothing_before_its_opening_time()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var definition = await DefinitionAsync(Grains, Now, supplier) with { OpensAt = Now.AddDays(1), Deadline = Now.AddDays(15) };

        var campaign = await LaunchAsync(Grains, definition);

        Assert.Equal(CampaignStatus.Scheduled, (await campaign.GetAsync())!.Status);
        Assert.Empty(Mail.To((await EmailsAsync(supplier))[0]));

        fixture.Time.Advance(TimeSpan.FromDays(1));
        await campaign.RunAsync();

        Assert.Equal(CampaignStatus.Open, (await campaign.GetAsync())!.Status);
        Assert.Single(Mail.To((await EmailsAsync(supplier))[0]));
    }

    [Fact]
    public async Task Reminders_go_only_to_those_who_have_not_submitted_once_each()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana", "ben");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var (ana, ben) = ((await EmailsAsync(supplier))[0], (await EmailsAsync(supplier))[1]);
        var invitation = Grains.InvitationOf(Mail.To(ana)[0]);
        var form = (await invitation.GetFormAsync())!;
        await invitation.SubmitAsync(Invitations.InvitationSamples.Complete(form.Questionnaire), Guid.NewGuid());
        await campaign.EventuallyAsync(d => d.Counts.Submitted == 1);

        fixture.Time.Advance(TimeSpan.FromDays(3));
        await campaign.RunAsync();
        await campaign.RunAsync();

        Assert.Single(Mail.To(ana));
        var toBen = Mail.To(ben);
        Assert.Equal(2, toBen.Count);
        Assert.StartsWith("Reminder: ", toBen[1].Subject, StringComparison.Ordinal);
        Assert.Equal(TokenOf(toBen[0]), TokenOf(toBen[1]));
        Assert.Equal(1, (await campaign.GetAsync())!.RemindersSent);

        fixture.Time.Advance(TimeSpan.FromDays(4));
        await campaign.RunAsync();

        Assert.Equal(3, Mail.To(ben).Count);
        Assert.Single(Mail.To(ana));
    }

    [Fact]
    public async Task The_deadline_closes_the_campaign_and_every_form()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var definition = await DefinitionAsync(Grains, Now, supplier) with { Deadline = Now.AddDays(2), ReminderDays = [] };
        var campaign = await LaunchAsync(Grains, definition);
        var invitation = Grains.InvitationOf(Mail.To((await EmailsAsync(supplier))[0])[0]);

        fixture.Time.Advance(TimeSpan.FromDays(2));
        await campaign.RunAsync();

        var details = (await campaign.GetAsync())!;
        Assert.Equal(CampaignStatus.Closed, details.Status);
        Assert.Null(details.Work);
        Assert.Equal((InvitationEnding.Deadline, true), ((await invitation.GetFormAsync())!.Ending, (await invitation.GetFormAsync())!.IsClosed));
        Assert.Equal(InvitationOutcome.Closed, (await invitation.SaveDraftAsync(new Dictionary<string, string[]>())).Outcome);
    }

    [Fact]
    public async Task Mail_refused_during_an_outage_waits_and_goes_once_the_service_is_back()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var email = (await EmailsAsync(supplier))[0];
        CampaignDetails details;
        Mail.Outage = true;
        try
        {
            var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
            details = await campaign.EventuallyAsync(d => d.Counts.MailWaiting == 1);
            Assert.Equal((1, 0, 1), (details.Counts.Invited, details.Counts.Sent, details.Counts.MailWaiting));
            Assert.Contains("service unavailable", details.LastMailProblem, StringComparison.Ordinal);
            Assert.NotNull(details.Work);

            Mail.Outage = false;
            await campaign.RunAsync();
            Assert.Empty(Mail.To(email));

            fixture.Time.Advance(TimeSpan.FromMinutes(1));
            await campaign.RunAsync();
            details = await campaign.EventuallyAsync(d => d.Counts.Sent == 1);
        }
        finally
        {
            Mail.Outage = false;
        }

        Assert.Single(Mail.To(email));
        Assert.Equal((1, 0), (details.Counts.Sent, details.Counts.MailWaiting));
    }
}
