using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Suppliers;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

public sealed class CampaignMailProblemTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static RecordingMailSender Mail => RecordingMailSender.Instance;

    [Fact]
    public async Task Bounces_unsubscribes_and_spam_reports_from_the_webhook_are_counted_apart_where_they_happened()
    {
        var quiet = await SupplierAsync(Grains, "castings", "ana");
        var troubled = await SupplierAsync(Grains, "castings", "ben", "cy", "dee");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, fixture.Time.GetUtcNow(), quiet, troubled));
        var contacts = (await Grains.GetGrain<ISupplierGrain>(troubled).GetAsync())!.Contacts;
        var now = fixture.Time.GetUtcNow();

        await Grains.InvitationOf(Assert.Single(Mail.To(contacts[0].Email))).RecordDeliveryAsync(new DeliveryEvent(DeliveryEventType.Bounce, now, "550 no such user", true, "e1"));
        await Grains.InvitationOf(Assert.Single(Mail.To(contacts[1].Email))).RecordDeliveryAsync(new DeliveryEvent(DeliveryEventType.Unsubscribe, now, null, false, "e2"));
        await Grains.InvitationOf(Assert.Single(Mail.To(contacts[2].Email))).RecordDeliveryAsync(new DeliveryEvent(DeliveryEventType.SpamReport, now, null, false, "e3"));

        var counts = (await campaign.EventuallyAsync(d => d.Counts.Bounced + d.Counts.Unsubscribed + d.Counts.SpamReports == 3)).Counts;
        Assert.Equal((1, 0, 1, 1), (counts.Bounced, counts.Refused, counts.Unsubscribed, counts.SpamReports));
        var problems = await campaign.GetSuppliersWithMailProblemsAsync(10);
        Assert.Equal([troubled], problems.Select(p => p.SupplierId));
        var lines = (await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), troubled).GetAsync())!.Invitations;
        Assert.Equal(
            [(MailDelivery.Bounced, false, false), (MailDelivery.None, true, false), (MailDelivery.None, true, true)],
            lines.Select(l => (l.Delivery, l.Unsubscribed, l.SpamReported)));
    }
}
