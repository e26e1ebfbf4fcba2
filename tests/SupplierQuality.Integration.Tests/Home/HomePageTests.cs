using System.Text.RegularExpressions;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Home;

/// <summary>
/// The home page by role. The executive's landing on the ranking after sign-in is
/// <c>RankingPageTests.An_executive_who_signs_in_lands_on_the_ranking</c>.
/// </summary>
[Collection(CampaignsNode.Collection)]
public sealed class HomePageTests(CampaignsNode fixture)
{
    [Fact]
    public async Task A_quality_manager_sees_each_open_campaign_with_its_counts_rate_and_what_needs_attention()
    {
        using var client = await fixture.SignedInManagerAsync();
        var suppliers = await fixture.SuppliersAsync(null, 2, 1);
        var (near, version) = await LaunchedAsync(suppliers, "Closing soon", TimeSpan.FromDays(2.5));
        var (later, _) = await LaunchedAsync(await fixture.SuppliersAsync(null, 1), "Closing later", TimeSpan.FromDays(5));
        var emails = suppliers.SelectMany(s => s.Emails).ToList();
        var mail = await fixture.MailToAsync(emails);
        IInvitationGrain Invitation(string email) => fixture.Node.Grains.GetGrain<IInvitationGrain>(
            InvitationToken.Hash(CampaignsNode.TokenIn(mail.Single(m => m.To.Email == email))));

        Assert.Equal(InvitationOutcome.Ok, (await Invitation(emails[0]).SubmitAsync(CampaignSamples.Complete(version), Guid.NewGuid())).Outcome);
        await Invitation(emails[2]).RecordDeliveryAsync(new DeliveryEvent(DeliveryEventType.Bounce, DateTimeOffset.UtcNow, "550 unknown", true, $"bounce-{near}"));

        var page = await CampaignsNode.EventuallyAsync(
            () => HtmlPage.GetAsync(client, "/"),
            p => Cell(p, "answered", near) == "1" && Cell(p, "attention", near).Contains("bounced", StringComparison.Ordinal),
            "the answer and the bounce on the home page");
        Assert.Contains($"<th scope=\"row\"><a href=\"/campaigns/{near}\">Closing soon ", page.Text, StringComparison.Ordinal);
        Assert.Equal(("3", "33.3%"), (Cell(page, "invited", near), Cell(page, "rate", near)));
        var attention = Cell(page, "attention", near);
        Assert.Contains($"<a href=\"/campaigns/{near}#attention\">1 address bounced</a>", attention, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/campaigns/{near}?nonResponders=true#suppliers\">2 people have not answered, deadline in 2 days</a>", attention, StringComparison.Ordinal);
        Assert.Equal(("1", "0", "0%", "Nothing"), (Cell(page, "invited", later), Cell(page, "answered", later), Cell(page, "rate", later), Cell(page, "attention", later)));
        Assert.True(page.Text.IndexOf($"id=\"campaign-{near}\"", StringComparison.Ordinal) < page.Text.IndexOf($"id=\"campaign-{later}\"", StringComparison.Ordinal), "The nearer deadline comes first.");
        Assert.DoesNotContain("id=\"no-open-campaigns\"", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"administration\"", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_nothing_open_a_manager_is_asked_to_create_a_campaign_an_admin_also_gets_the_admin_pages_and_an_executive_the_ranking()
    {
        // A node of its own: the shared one has other tests' campaigns open.
        await using var node = await TestNode.StartAsync();
        var (suppliers, _) = await CampaignSamples.SuppliersAsync(node.Grains, 1);
        var (questionnaireId, _) = await CampaignSamples.QuestionnaireAsync(node.Grains);
        var draft = node.Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await draft.CreateAsync(CampaignSamples.Definition(questionnaireId, DateTimeOffset.UtcNow, suppliers))).Outcome);
        using var manager = await node.CreateSignedInClientAsync(Roles.QualityManager);
        using var admin = await node.CreateSignedInClientAsync(Roles.Admin);
        using var executive = await node.CreateSignedInClientAsync(Roles.Executive);

        var managerHome = await HtmlPage.GetAsync(manager, "/");
        var adminHome = await HtmlPage.GetAsync(admin, "/");
        using var executiveHome = await executive.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.All(new[] { managerHome, adminHome }, page =>
        {
            Assert.Contains("<p id=\"no-open-campaigns\">No campaign is open or scheduled to open. <a href=\"/campaigns/new\">Create a campaign</a></p>", page.Text, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/campaigns\">All campaigns</a>", page.Text, StringComparison.Ordinal);
            Assert.Contains("(1 draft not launched yet)", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"open-campaigns\"", page.Text, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("id=\"administration\"", managerHome.Text, StringComparison.Ordinal);
        var administration = Regex.Match(adminHome.Text, "<section id=\"administration\".*?</section>", RegexOptions.Singleline).Value;
        Assert.All(
            ["/admin/accounts", "/admin/organisation", "/admin/api-keys", "/admin/webhooks", "/admin/outbox", "/admin/dashboard/"],
            href => Assert.Contains($"<a href=\"{href}\">", administration, StringComparison.Ordinal));
        Assert.Equal("/rankings", executiveHome.RedirectTarget());
    }

    /// <summary>A campaign of these suppliers, launched with its invitations sent, ending this far from now; its id and questionnaire.</summary>
    private async Task<(Guid Id, QuestionnaireVersion Version)> LaunchedAsync(IEnumerable<TestSupplier> suppliers, string name, TimeSpan deadline)
    {
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var id = Guid.NewGuid();
        var campaign = fixture.Node.Grains.GetGrain<ICampaignGrain>(id);
        var definition = CampaignSamples.Definition(questionnaireId, DateTimeOffset.UtcNow, [.. suppliers.Select(s => s.Id)]) with
        {
            Name = name + " " + id.ToString("N")[..8],
            Deadline = DateTimeOffset.UtcNow.Add(deadline),
        };
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await campaign.RunAsync();
        return (id, (await fixture.Node.Grains.GetGrain<IQuestionnaireGrain>(questionnaireId).GetVersionAsync(1))!);
    }

    /// <summary>The inner HTML of a campaign's cell on the home page (<c>invited</c>, <c>answered</c>, <c>rate</c>, <c>attention</c>).</summary>
    private static string Cell(HtmlPage page, string column, Guid campaign) =>
        Regex.Match(page.Text, $"<td id=\"{column}-{campaign}\">(.*?)</td>", RegexOptions.Singleline).Groups[1].Value.Trim();
}
