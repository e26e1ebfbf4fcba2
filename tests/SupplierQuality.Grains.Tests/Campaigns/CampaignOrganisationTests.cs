using SupplierQuality.Email;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Suppliers;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

/// <summary>
/// A campaign and the installation's organisation (key 0). Only this test names that organisation, so it sees the
/// placeholder first; other tests' campaigns carry their own buying company's name and launch either way.
/// </summary>
public sealed class CampaignOrganisationTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_draft_still_called_Our_company_launches_only_once_the_organisation_is_named_and_its_email_then_speaks_for_the_organisation()
    {
        var supplierId = await SupplierAsync(Grains, "castings", "ana");
        var supplier = (await Grains.GetGrain<ISupplierGrain>(supplierId).GetAsync())!;
        var definition = await DefinitionAsync(Grains, fixture.Time.GetUtcNow(), supplierId) with
        {
            BuyerName = "Our company",
            Intro = "Dear {{contact_name}}, how does working with {{buyer_name}} go?",
        };
        var campaign = Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);

        var refused = await campaign.LaunchAsync();

        Assert.Equal(CommandOutcome.Invalid, refused.Outcome);
        Assert.Contains("Organisation settings (/admin/organisation)", Assert.Single(refused.Errors["buyerName"]), StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.Draft, (await campaign.GetAsync())!.Status);

        var named = await Grains.GetOrganisation().SaveAsync(
            new OrganisationUpdate(
                new OrganisationProfile("Northwind Buying plc", "Quinn Quality", "quinn@northwind.example", "quality@northwind.example", "Only our quality team reads your answers."),
                [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1]),
            null,
            "admin@test.local");
        Assert.Equal(CommandOutcome.Ok, named.Outcome);

        var launched = await campaign.LaunchAsync();
        await campaign.RunAsync();

        Assert.Equal(CommandOutcome.Ok, launched.Outcome);
        Assert.Equal("Northwind Buying plc", launched.Value!.Definition.BuyerName);
        var mail = Assert.Single(RecordingMailSender.Instance.To(supplier.Contacts[0].Email));
        Assert.Equal(new Mailbox("quality@northwind.example", "Northwind Buying plc"), mail.ReplyTo);
        Assert.Equal("Northwind Buying plc", mail.SenderName);
        Assert.Null(mail.From);
        Assert.Contains($"Dear ana, how does working with Northwind Buying plc go?", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Supplier: {supplier.Name}\nYou are asked as a contact at {supplier.Name}, about how working with Northwind Buying plc goes.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Please answer by {Email.Templates.SurveyEmail.FormatDeadline(definition.Deadline)}.", mail.TextBody, StringComparison.Ordinal);
        Assert.EndsWith(" UTC", Email.Templates.SurveyEmail.FormatDeadline(definition.Deadline), StringComparison.Ordinal);
        Assert.Contains("Who sees your answers: Only our quality team reads your answers.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Questions about this survey? Ask Quinn Quality (quinn@northwind.example), or reply to this email.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"https://survey.test/organisation/logo?v={named.Value!.Logo!.Tag}\"", mail.HtmlBody, StringComparison.Ordinal);
    }
}
