using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Grains.Tests.Invitations;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

/// <summary>
/// The clock jumps forward while the cluster runs (a host resumed from suspend, a node down for a week): nobody calls
/// the campaign, its own reminder ticks (every second here) find the jump. Several reminder days past at once give one
/// catch-up reminder, the latest; a deadline past closes once; nothing is sent after.
/// </summary>
[Collection(SharedClock.Name)]
public sealed class CampaignClockJumpTests(ClusterFixture fixture)
{
    /// <summary>Ticks are a second apart: three more seconds let three ticks find anything still due.</summary>
    private static readonly TimeSpan ThreeTicks = TimeSpan.FromSeconds(3);

    private IGrainFactory Grains => fixture.Grains;

    private static RecordingMailSender Mail => RecordingMailSender.Instance;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<IReadOnlyList<string>> EmailsAsync(Guid supplier) =>
        [.. (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts.Select(c => c.Email)];

    [Fact]
    public async Task A_clock_jump_past_two_reminder_days_sends_one_reminder_per_contact()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana", "ben", "cy");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var (ana, ben, cy) = ((await EmailsAsync(supplier))[0], (await EmailsAsync(supplier))[1], (await EmailsAsync(supplier))[2]);
        var answered = Grains.InvitationOf(Mail.To(ana)[0]);
        await answered.SubmitAsync(InvitationSamples.Complete((await answered.GetFormAsync())!.Questionnaire), Guid.NewGuid());
        await WaitForAsync(campaign, d => d.Counts.Submitted == 1, "the answer to be counted");

        // Days 3 and 7 both pass in one jump.
        fixture.Time.Advance(TimeSpan.FromDays(8));
        var details = await WaitForAsync(campaign, d => d.RemindersSent == 1 && d.Work is null && d.Counts.MailWaiting == 0, "the catch-up reminder");
        await Task.Delay(ThreeTicks, Cancel);

        foreach (var email in new[] { ben, cy })
        {
            var mail = Mail.To(email);
            Assert.Equal(2, mail.Count);
            Assert.StartsWith("Reminder: ", mail[1].Subject, StringComparison.Ordinal);
        }

        Assert.Single(Mail.To(ana));
        Assert.Equal(1, (await campaign.GetAsync())!.RemindersSent);
        var line = (await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier).GetAsync())!.Invitations.Single(i => i.Email == ben);
        Assert.Equal(["invite", "reminder-2"], line.Sent);

        // A day more is no reminder day: the ticks after the jump find nothing to send.
        fixture.Time.Advance(TimeSpan.FromDays(1));
        await Task.Delay(ThreeTicks, Cancel);
        Assert.Equal((2, 2, 1), (Mail.To(ben).Count, Mail.To(cy).Count, Mail.To(ana).Count));
        Assert.Equal(CampaignStatus.Open, details.Status);
    }

    [Fact]
    public async Task A_clock_jump_past_the_deadline_closes_once_and_sends_nothing_after()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana", "ben");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var emails = await EmailsAsync(supplier);
        var invitation = Grains.InvitationOf(Mail.To(emails[0])[0]);

        // Past both reminder days (3, 7) and the deadline (14) at once.
        fixture.Time.Advance(TimeSpan.FromDays(15));
        var jumpedTo = Now;
        var closed = await WaitForAsync(campaign, d => d.Status == CampaignStatus.Closed && d.Work is null, "the campaign to close");
        Assert.Equal(jumpedTo, closed.ClosedAt);
        await Task.Delay(ThreeTicks, Cancel);

        fixture.Time.Advance(TimeSpan.FromDays(30));
        await Task.Delay(ThreeTicks, Cancel);

        var details = (await campaign.GetAsync())!;
        Assert.Equal((CampaignStatus.Closed, jumpedTo, 0, 0), (details.Status, details.ClosedAt, details.RemindersSent, details.Counts.MailWaiting));
        Assert.Null(details.Work);
        Assert.All(emails, email => Assert.Single(Mail.To(email)));
        Assert.Equal((InvitationEnding.Deadline, true), ((await invitation.GetFormAsync())!.Ending, (await invitation.GetFormAsync())!.IsClosed));
        Assert.Equal(InvitationOutcome.Closed, (await invitation.SubmitAsync(new Dictionary<string, string[]>(), Guid.NewGuid())).Outcome);
    }

    [Fact]
    public async Task A_reminder_held_back_by_a_mail_outage_is_replaced_by_the_next_so_the_contact_gets_one()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var ana = (await EmailsAsync(supplier))[0];
        Mail.Outage = true;
        try
        {
            fixture.Time.Advance(TimeSpan.FromDays(3));
            await WaitForAsync(campaign, d => d.RemindersSent == 1 && d.Counts.MailWaiting == 1 && d.LastMailProblem is not null, "reminder 1 to wait");

            fixture.Time.Advance(TimeSpan.FromDays(4));
            var waiting = await WaitForAsync(campaign, d => d.RemindersSent == 2 && d.Work!.StartsWith("Mail for 1 suppliers waits", StringComparison.Ordinal), "reminder 2 to wait");
            Assert.Equal(1, waiting.Counts.MailWaiting);
            Assert.Contains("service unavailable", waiting.LastMailProblem, StringComparison.Ordinal);
            var line = (await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier).GetAsync())!.Invitations.Single();
            Assert.Equal(["reminder-2"], line.Waiting);
        }
        finally
        {
            Mail.Outage = false;
        }

        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var sent = await WaitForAsync(campaign, d => d.Counts.MailWaiting == 0 && d.Work is null, "the reminder to go");
        await Task.Delay(ThreeTicks, Cancel);

        var mail = Mail.To(ana);
        Assert.Equal(2, mail.Count);
        Assert.StartsWith("Reminder: ", mail[1].Subject, StringComparison.Ordinal);
        Assert.Null(sent.LastMailProblem);
    }

    private static async Task<CampaignDetails> WaitForAsync(ICampaignGrain campaign, Func<CampaignDetails, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var details = (await campaign.GetAsync())!;
            if (condition(details))
            {
                return details;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}: {details}");
            await Task.Delay(100, Cancel);
        }
    }
}
