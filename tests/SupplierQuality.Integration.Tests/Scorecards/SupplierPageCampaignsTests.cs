using SupplierQuality.Grains.Mail;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Scorecards;

/// <summary>The supplier's own page lists the campaigns that reached it and says which contacts get no mail.</summary>
[Collection(ScorecardsNode.Collection)]
public sealed class SupplierPageCampaignsTests(ScorecardsNode fixture)
{
    [Fact]
    public async Task The_supplier_page_lists_its_campaigns_with_each_groups_answers_and_score_apart()
    {
        var (campaign, a, b) = await fixture.Surveys.AnsweredAsync("Page");
        using var client = await fixture.SignedInManagerAsync();

        var pageA = await HtmlPage.GetAsync(client, $"/suppliers/{a.Id}");
        var pageB = await HtmlPage.GetAsync(client, $"/suppliers/{b.Id}");

        Assert.Contains($"<th scope=\"row\"><a href=\"/campaigns/{campaign.Id}\">{campaign.Name}</a></th>", pageA.Text, StringComparison.Ordinal);
        Assert.Matches("Internal evaluation: answered</th>\\s*<th scope=\"col\">Internal evaluation: score</th>\\s*<th scope=\"col\">Self-assessment: answered", pageA.Text);
        Assert.Matches("<td>1 of 1</td>\\s*<td>19.5 of 100</td>\\s*<td>1 of 1</td>\\s*<td>100.0 of 100</td>", pageA.Text);
        Assert.Matches("<td>1 of 1</td>\\s*<td>86.5 of 100</td>\\s*<td>0 of 1</td>\\s*<td>no score</td>", pageB.Text);
    }

    [Fact]
    public async Task A_supplier_without_campaigns_says_so()
    {
        var supplier = (await fixture.Surveys.SuppliersAsync("None", 1))[0];
        using var client = await fixture.SignedInManagerAsync();

        var page = await HtmlPage.GetAsync(client, $"/suppliers/{supplier.Id}");

        Assert.Contains("No campaign has reached this supplier yet.", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MailSuppression.Unsubscribed, "No mail: unsubscribed")]
    [InlineData("group_unsubscribe", "No mail: unsubscribed")]
    [InlineData(MailSuppression.Bounced, "No mail: bounced")]
    [InlineData(MailSuppression.SpamReport, "No mail: spam report")]
    public async Task A_contact_whose_address_gets_no_mail_is_flagged_with_the_reason(string reason, string flag)
    {
        var supplier = (await fixture.Surveys.SuppliersAsync("NoMail", 1))[0];
        await fixture.Node.Grains.GetMailSuppression(supplier.ContactEmail.ToUpperInvariant()).SuppressAsync(reason);
        using var client = await fixture.SignedInManagerAsync();

        var page = await HtmlPage.GetAsync(client, $"/suppliers/{supplier.Id}");

        Assert.Contains($"<strong class=\"field-error\">{flag}</strong>", page.Text, StringComparison.Ordinal);
    }
}
