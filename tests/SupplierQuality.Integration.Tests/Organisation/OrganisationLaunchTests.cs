using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Organisation;

/// <summary>Nodes of their own: each test needs an organisation nobody has named yet.</summary>
public sealed class OrganisationLaunchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_campaign_cannot_launch_while_the_company_is_Our_company_and_launches_with_the_name_an_admin_then_sets()
    {
        await using var node = await TestNode.StartAsync();
        using var manager = await node.CreateApiClientAsync(Roles.QualityManager);
        using var admin = await node.CreateApiClientAsync(Roles.Admin);
        using var page = await node.CreateSignedInClientAsync(Roles.QualityManager);
        var (suppliers, _) = await SuppliersAsync(node.Grains, 1);
        var (questionnaireId, _) = await QuestionnaireAsync(node.Grains);
        var (apiDraft, pageDraft) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var id in new[] { apiDraft, pageDraft })
        {
            using var created = await manager.PostAsJsonAsync(
                "/api/campaigns",
                new { id, name = "Spring survey", questionnaireId, questionnaireVersion = 1, audience = "Chosen", suppliers, deadline = DateTimeOffset.UtcNow.AddDays(14) },
                Cancel);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("Our company", (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["definition"]!["buyerName"]!);
        }

        using var refused = await manager.PostAsync($"/api/campaigns/{apiDraft}/launch", null, Cancel);
        using var refusedOnPage = await page.PostFormAsync($"/campaigns/{pageDraft}?handler=Launch", [new("confirm", "true")]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(OrganisationInput.UnnamedLaunchMessage, (string)(await refused.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["errors"]!["buyerName"]![0]!);
        Assert.Contains(
            "Suppliers would see the buying company as \"Our company\". An admin sets your company's name in Organisation settings (/admin/organisation)",
            (await HtmlPage.ReadAsync(refusedOnPage)).Text, StringComparison.Ordinal);
        using var named = await admin.PutAsJsonAsync("/api/organisation", new { name = "Northwind Buying plc", privacyNote = "Only our quality team reads your answers." }, Cancel);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);

        using var launched = await manager.PostAsync($"/api/campaigns/{apiDraft}/launch", null, Cancel);
        using var launchedOnPage = await page.PostFormAsync($"/campaigns/{pageDraft}?handler=Launch", [new("confirm", "true")]);

        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);
        Assert.Equal("Northwind Buying plc", (string)(await launched.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["definition"]!["buyerName"]!);
        Assert.Equal($"/campaigns/{pageDraft}", launchedOnPage.RedirectTarget());
    }

    [Fact]
    public async Task Campaigns_BuyerName_is_the_organisation_s_name_until_an_admin_saves_another()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?> { ["Campaigns:BuyerName"] = " Acme Buying Ltd " });
        using var admin = await node.CreateSignedInClientAsync(Roles.Admin);

        var initial = await node.Grains.GetOrganisation().GetAsync();
        var page = await HtmlPage.GetAsync(admin, "/admin/organisation");

        Assert.Equal((0, "Acme Buying Ltd", true), (initial.Version, initial.Profile.Name, initial.Named));
        Assert.Equal("Acme Buying Ltd", page.ValueOf("Form_Name"));
        Assert.Contains("nobody has saved these settings yet", page.Text, StringComparison.Ordinal);
        Assert.Equal("Acme Buying Ltd", (await HtmlPage.GetAsync(admin, "/campaigns/new")).ValueOf("Form_BuyerName"));
    }

    [Fact]
    public async Task Without_Campaigns_BuyerName_the_settings_page_says_campaigns_cannot_launch_until_the_company_is_named()
    {
        await using var node = await TestNode.StartAsync();
        using var admin = await node.CreateSignedInClientAsync(Roles.Admin);

        var page = await HtmlPage.GetAsync(admin, "/admin/organisation");

        Assert.Equal("Our company", page.ValueOf("Form_Name"));
        Assert.Contains("The company is still called \"Our company\": enter its name below. Until then no campaign with that name can launch.", page.Text, StringComparison.Ordinal);
    }
}
