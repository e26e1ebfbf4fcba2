using System.Globalization;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

/// <summary>A campaign's time zone: stored with it, and the zone its emails and forms give respondents the deadline in.</summary>
public sealed class CampaignTimeZoneTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static RecordingMailSender Mail => RecordingMailSender.Instance;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task Contacts_and_evaluators_read_the_deadline_in_the_campaign_s_zone_with_its_offset_in_the_emails_and_on_the_form()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var eve = $"eve-{Guid.NewGuid():N}@buyer.test";
        var definition = await DefinitionAsync(Grains, Now, supplier) with
        {
            TimeZone = "asia/shanghai",
            Evaluators = [new Evaluator("Eve", eve)],
        };

        var campaign = await LaunchAsync(Grains, definition);
        await fixture.Cluster.DeactivateAsync(campaign);

        var stored = (await campaign.GetAsync())!.Definition;
        Assert.Equal("Asia/Shanghai", stored.TimeZone);
        // Shanghai keeps no summer time: the offset is the same all year.
        var deadline = stored.Deadline.ToOffset(TimeSpan.FromHours(8)).ToString("d MMMM yyyy, HH:mm '(UTC+08:00, Asia/Shanghai)'", CultureInfo.InvariantCulture);
        var contact = Assert.Single(Mail.To((await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts[0].Email));
        Assert.Contains($"Please tell us by {deadline}.", contact.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Please answer by {deadline}.", contact.TextBody, StringComparison.Ordinal);
        var digest = Assert.Single(Mail.To(eve));
        Assert.Contains($"Please answer by {deadline}.", digest.TextBody, StringComparison.Ordinal);

        var form = (await Grains.InvitationOf(contact).GetFormAsync())!;
        Assert.Equal("Asia/Shanghai", form.TimeZone);
        Assert.Contains($"Please tell us by {deadline}.", form.IntroHtml("https://survey.test", "token"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_zone_a_campaign_is_in_UTC_and_an_unknown_zone_is_refused_by_name()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var definition = await DefinitionAsync(Grains, Now, supplier);
        var campaign = Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());

        var refused = await campaign.CreateAsync(definition with { TimeZone = "Mars/Olympus_Mons" });
        var created = await campaign.CreateAsync(definition with { TimeZone = " " });

        Assert.Equal(CommandOutcome.Invalid, refused.Outcome);
        Assert.Equal(
            "'Mars/Olympus_Mons' is not a time zone: use an IANA time zone name such as Europe/Berlin or America/New_York, or UTC.",
            Assert.Single(refused.Errors["timeZone"]));
        Assert.Equal(CommandOutcome.Created, created.Outcome);
        Assert.Equal("UTC", created.Value!.Definition.TimeZone);
    }

    [Fact]
    public async Task A_draft_s_zone_changes_with_its_definition()
    {
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var definition = await DefinitionAsync(Grains, Now, supplier) with { TimeZone = "Europe/Berlin" };
        var campaign = Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);

        var updated = await campaign.UpdateAsync(definition with { TimeZone = "America/New_York" });

        Assert.Equal(CommandOutcome.Ok, updated.Outcome);
        Assert.Equal("America/New_York", (await campaign.GetAsync())!.Definition.TimeZone);
    }
}
