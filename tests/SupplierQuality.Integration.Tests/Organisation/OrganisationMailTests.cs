using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Email.Templates;
using SupplierQuality.Email.Tests.SendGridServer;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Organisation;

/// <summary>A node sending through the real SendGrid SDK to a loopback SendGrid, with no <c>SendGrid:FromName</c>.</summary>
public sealed partial class OrganisationMailTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invitation_reaching_SendGrid_carries_the_organisation_as_sender_and_Reply_To_and_names_the_company_contact_supplier_privacy_note_and_deadline_in_UTC()
    {
        await using var sendGrid = await SendGridLoopbackServer.StartAsync();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Mail:Sender"] = "SendGrid",
            ["SendGrid:ApiKey"] = sendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["SendGrid:FromEmail"] = "surveys@northwind.example",
            ["Campaigns:PublicBaseUrl"] = "https://survey.northwind.example",
        });
        var saved = await node.Grains.GetOrganisation().SaveAsync(
            new OrganisationUpdate(
                new OrganisationProfile("Northwind Buying plc", "Quinn Quality", "quinn@northwind.example", "quality@northwind.example", "Only our quality team reads your answers; they are never shared."),
                OrganisationNode.Png),
            0,
            TestNode.AdminEmail);
        Assert.Equal(CommandOutcome.Ok, saved.Outcome);
        var (suppliers, emails) = await SuppliersAsync(node.Grains, 1);
        var supplierName = (await node.Grains.GetGrain<ISupplierGrain>(suppliers[0]).GetAsync())!.Name;
        var (questionnaireId, _) = await QuestionnaireAsync(node.Grains);
        var definition = Definition(questionnaireId, DateTimeOffset.UtcNow, suppliers) with { BuyerName = "Our company" };
        var campaign = node.Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);

        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await campaign.RunAsync();

        var mail = Assert.Single(sendGrid.Accepted);
        Assert.Equal((emails[0], "surveys@northwind.example", "Northwind Buying plc"), (mail.To, mail.From, mail.FromName));
        Assert.Equal(("quality@northwind.example", "Northwind Buying plc"), (mail.ReplyTo, mail.ReplyToName));
        Assert.Contains($"Supplier: {supplierName}\nYou are asked as a contact at {supplierName}, about how working with Northwind Buying plc goes.", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"Please answer by {SurveyEmail.FormatDeadline(definition.Deadline)}.", mail.Text, StringComparison.Ordinal);
        Assert.Matches(@"Please answer by \d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC\.", mail.Text);
        Assert.Contains("Who sees your answers: Only our quality team reads your answers; they are never shared.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Questions about this survey? Ask Quinn Quality (quinn@northwind.example), or reply to this email.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Sent by Northwind Buying plc.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<strong>Northwind Buying plc</strong></p>", mail.Html, StringComparison.Ordinal);

        // The logo in the email is the node's, at the public address.
        var logo = LogoSource().Match(mail.Html);
        Assert.True(logo.Success, mail.Html);
        Assert.Equal($"https://survey.northwind.example/organisation/logo?v={saved.Value!.Logo!.Tag}", logo.Groups[1].Value);
        using var client = node.CreateClient();
        using var image = await client.GetAsync(new Uri(logo.Groups[1].Value).PathAndQuery, Cancel);
        Assert.Equal((HttpStatusCode.OK, "image/png"), (image.StatusCode, image.Content.Headers.ContentType?.MediaType));
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex LogoSource();
}
