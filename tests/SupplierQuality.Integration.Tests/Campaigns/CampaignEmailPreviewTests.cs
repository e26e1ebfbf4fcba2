using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Campaigns;

[Collection(CampaignsNode.Collection)]
public sealed class CampaignEmailPreviewTests(CampaignsNode fixture)
{
    private const string Evaluator = "eve.preview@buyer.test";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_draft_shows_its_emails_as_sent_and_a_test_goes_to_the_manager_alone_once_per_click()
    {
        var suppliers = await fixture.SuppliersAsync("Previewed", 2);
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var id = Guid.NewGuid();
        var campaign = fixture.Node.Grains.GetGrain<ICampaignGrain>(id);
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(new CampaignDefinition(
            "Preview campaign", questionnaireId, 1, AudienceKind.Chosen, null, [suppliers[0].Id], [new Evaluator("Eve Evaluator", Evaluator)], null,
            DateTimeOffset.UtcNow.AddDays(10), [3], "{{supplier_name}}: a survey", "Dear {{contact_name}}, please answer.", CampaignsNode.BuyerName))).Outcome);
        var account = await fixture.Node.CreateAccountAsync(Roles.QualityManager);
        using var client = fixture.Node.CreateClient();
        await client.SignInAsync(account.Email, account.Password);

        using var response = await client.GetAsync(new Uri($"/campaigns/{id}/emails", UriKind.Relative), Cancel);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("style-src 'self' 'unsafe-inline'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"email-0-title\">To Each contact of the supplier</h2>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Headers of the email written for Contact 1 at {suppliers[0].Name}", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<td>{suppliers[0].Name}: a survey</td>", page.Text, StringComparison.Ordinal);
        Assert.Contains("Dear Contact 1, please answer.", page.Text, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"email-1-title\">To The internal evaluator, once, listing every supplier they rate</h2>", page.Text, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(page.Text, "<iframe [^>]*sandbox=\"allow-popups allow-popups-to-escape-sandbox\" srcdoc="));

        var click = Regex.Match(page.Text, "<input type=\"hidden\" name=\"click\" value=\"([^\"]+)\"").Groups[1].Value;
        using (var sent = await client.PostFormAsync($"/campaigns/{id}/emails", [new("click", click)]))
        {
            Assert.Equal($"/campaigns/{id}/emails", sent.RedirectTarget());
            Assert.Contains($"2 emails went to {account.Email}, marked as a test.", (await HtmlPage.GetAsync(client, sent.RedirectTarget()!)).Text, StringComparison.Ordinal);
        }

        using (var again = await client.PostFormAsync($"/campaigns/{id}/emails", [new("click", click)]))
        {
            Assert.Equal($"/campaigns/{id}/emails", again.RedirectTarget());
        }

        var tests = await fixture.MailToAsync([account.Email]);
        Assert.Equal(
            new[] { $"[Test] {suppliers[0].Name}: a survey", $"[Test] Please rate {suppliers[0].Name}" }.Order(StringComparer.Ordinal),
            tests.Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.All(tests, m =>
        {
            Assert.Contains("This is a test of the campaign \"Preview campaign\", sent to you alone.", m.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/questionnaires/{questionnaireId}/versions/1/preview", m.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("/s/", m.TextBody, StringComparison.Ordinal);
            Assert.Null(m.UnsubscribeUrl);
        });
        Assert.Empty(await fixture.MailToAsync([.. suppliers.SelectMany(s => s.Emails), Evaluator]));
        var after = (await campaign.GetAsync())!;
        Assert.Equal((CampaignStatus.Draft, 0), (after.Status, after.Counts.Sent));
    }

    [Fact]
    public async Task A_test_posted_without_its_click_sends_nothing_and_says_so()
    {
        var campaign = await fixture.DraftAsync(await fixture.SuppliersAsync(null, 1));
        var account = await fixture.Node.CreateAccountAsync(Roles.QualityManager);
        using var client = fixture.Node.CreateClient();
        await client.SignInAsync(account.Email, account.Password);

        using var response = await client.PostFormAsync($"/campaigns/{campaign.GetPrimaryKey()}/emails", [new("click", "not a click")]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing was sent: the page was out of date. Try again from this page.", page.Text, StringComparison.Ordinal);
        Assert.Empty(await fixture.MailToAsync([account.Email]));
    }

    [Fact]
    public async Task Save_and_preview_saves_the_draft_and_opens_its_emails()
    {
        using var client = await fixture.SignedInManagerAsync();
        var draft = await fixture.DraftAsync(await fixture.SuppliersAsync(null, 1));
        var id = draft.GetPrimaryKey();
        var saved = (await draft.GetAsync())!.Definition;

        using var edited = await client.PostFormAsync($"/campaigns/{id}/edit?handler=Emails", CampaignPagesTests.Form(id, saved.QuestionnaireId, [], f =>
        {
            f["Form.Audience"] = "AllActive";
            f["Form.Subject"] = "Changed before the preview";
        }));

        Assert.Equal($"/campaigns/{id}/emails", edited.RedirectTarget());
        Assert.Contains("<td>Changed before the preview</td>", (await HtmlPage.GetAsync(client, edited.RedirectTarget()!)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emails_of_no_campaign_are_not_found()
    {
        using var client = await fixture.SignedInManagerAsync();

        using var get = await client.GetAsync(new Uri($"/campaigns/{Guid.NewGuid()}/emails", UriKind.Relative), Cancel);
        using var post = await client.PostFormAsync($"/campaigns/{Guid.NewGuid()}/emails", [new("click", Guid.NewGuid().ToString())], formPath: "/campaigns");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, post.StatusCode));
    }
}
