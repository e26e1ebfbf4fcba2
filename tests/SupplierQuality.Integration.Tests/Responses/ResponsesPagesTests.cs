using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Responses;

[Collection(ResponsesNode.Collection)]
public sealed class ResponsesPagesTests(CampaignsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The part of a page about one supplier: from its heading to the next supplier's.</summary>
    private static string SupplierSection(HtmlPage page, TestSupplier supplier)
    {
        var match = Regex.Match(page.Text, $"<section aria-labelledby=\"supplier-{supplier.Id:N}\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(match.Success, $"The page has no section for {supplier.Name}.");
        return match.Groups[1].Value;
    }

    /// <summary>The part of a supplier's section under one group's heading.</summary>
    private static string GroupSection(string supplierSection, string group) =>
        Regex.Match(supplierSection, $"<h3>{group}</h3>(.*?)(?=<h3>|$)", RegexOptions.Singleline).Groups[1].Value;

    [Theory]
    [InlineData(Roles.QualityManager)]
    [InlineData(Roles.Executive)]
    public async Task A_manager_and_an_executive_read_each_respondents_answers_and_comments_with_their_group(string role)
    {
        var campaign = await ResponsesNode.AnsweredAsync(fixture);
        using var client = await fixture.Node.CreateSignedInClientAsync(role);

        var page = await HtmlPage.GetAsync(client, $"/campaigns/{campaign.Id}/responses");

        var a = SupplierSection(page, campaign.A);
        var contact = GroupSection(a, "Self-assessment");
        var evaluator = GroupSection(a, "Internal evaluation");
        Assert.Contains($"<h2 id=\"supplier-{campaign.A.Id:N}\">{campaign.A.Name}</h2>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Contact 1 <{campaign.A.Emails[0]}>, self-assessment:", contact, StringComparison.Ordinal);
        Assert.Matches(@"version 1, submitted <time datetime=""[^""]+"">\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC</time>, overall score \d+\.\d", contact);
        Assert.Contains("<th scope=\"row\">1. How good were the parts?</th>", contact, StringComparison.Ordinal);
        Assert.Contains("<td class=\"pre-line\">4 of 5</td>", contact, StringComparison.Ordinal);
        Assert.Contains(">9 of 10</td>", contact, StringComparison.Ordinal);
        Assert.Contains(">Yes</td>", contact, StringComparison.Ordinal);
        Assert.Contains(">Never</td>", contact, StringComparison.Ordinal);
        Assert.Contains(">Email; Phone</td>", contact, StringComparison.Ordinal);
        Assert.Contains(">1.5</td>", contact, StringComparison.Ordinal);
        Assert.Contains(AnsweredCampaign.ContactComment, contact, StringComparison.Ordinal);
        Assert.DoesNotContain(AnsweredCampaign.EvaluatorComment, contact, StringComparison.Ordinal);
        Assert.Contains($"{campaign.EvaluatorName} <{campaign.EvaluatorEmail}>, internal evaluation:", evaluator, StringComparison.Ordinal);
        Assert.Contains(">2 of 5</td>", evaluator, StringComparison.Ordinal);
        Assert.Contains(AnsweredCampaign.EvaluatorComment, evaluator, StringComparison.Ordinal);

        // Supplier B: the latest version of the edited response, and no draft.
        var b = SupplierSection(page, campaign.B);
        Assert.Contains("version 2, submitted", GroupSection(b, "Self-assessment"), StringComparison.Ordinal);
        Assert.Contains(">5 of 5</td>", b, StringComparison.Ordinal);
        Assert.Contains(AnsweredCampaign.EditedComment, b, StringComparison.Ordinal);
        Assert.DoesNotContain(AnsweredCampaign.FirstComment, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(AnsweredCampaign.DraftComment, page.Text, StringComparison.Ordinal);
        Assert.Contains("No submitted internal evaluation response.", GroupSection(b, "Internal evaluation"), StringComparison.Ordinal);
        Assert.Contains("2 suppliers are in this campaign. Shown: 2 self-assessment responses and 1 internal evaluation response.", Regex.Replace(page.Text, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_group_filter_shows_only_that_group()
    {
        var campaign = await ResponsesNode.AnsweredAsync(fixture);
        using var client = await fixture.SignedInManagerAsync();

        var evaluators = await HtmlPage.GetAsync(client, $"/campaigns/{campaign.Id}/responses?group=internal-evaluation");
        var contacts = await HtmlPage.GetAsync(client, $"/campaigns/{campaign.Id}/responses?group=self-assessment");

        Assert.Contains(AnsweredCampaign.EvaluatorComment, evaluators.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(AnsweredCampaign.ContactComment, evaluators.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<h3>Self-assessment</h3>", evaluators.Text, StringComparison.Ordinal);
        Assert.Matches("<option value=\"internal-evaluation\" selected=\"selected\">Internal evaluation</option>", evaluators.Text);
        Assert.Contains(AnsweredCampaign.ContactComment, contacts.Text, StringComparison.Ordinal);
        Assert.Contains(AnsweredCampaign.EditedComment, contacts.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(AnsweredCampaign.EvaluatorComment, contacts.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<h3>Internal evaluation</h3>", contacts.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supplier_and_question_filters_narrow_the_page()
    {
        var campaign = await ResponsesNode.AnsweredAsync(fixture);
        using var client = await fixture.SignedInManagerAsync();
        var text = campaign.Of(QuestionKind.FreeText);

        var onlyB = await HtmlPage.GetAsync(client, $"/campaigns/{campaign.Id}/responses?supplier={campaign.B.Id}");
        var onlyComments = await HtmlPage.GetAsync(client, $"/campaigns/{campaign.Id}/responses?question={text.Id}");

        Assert.Contains($"<h2 id=\"supplier-{campaign.B.Id:N}\">{campaign.B.Name}</h2>", onlyB.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"<h2 id=\"supplier-{campaign.A.Id:N}\">", onlyB.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(AnsweredCampaign.ContactComment, onlyB.Text, StringComparison.Ordinal);
        Assert.Matches($"<option value=\"{campaign.B.Id}\" selected=\"selected\">{campaign.B.Name}</option>", onlyB.Text);
        Assert.Contains(AnsweredCampaign.EditedComment, onlyB.Text, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">7. {text.Text}</th>", onlyComments.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1. How good were the parts?</th>", onlyComments.Text, StringComparison.Ordinal);
        Assert.Contains(AnsweredCampaign.ContactComment, onlyComments.Text, StringComparison.Ordinal);
        Assert.Contains(AnsweredCampaign.EvaluatorComment, onlyComments.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_values_that_name_nothing_get_a_message_and_the_whole_page_not_an_error()
    {
        var campaign = await ResponsesNode.AnsweredAsync(fixture);
        using var client = await fixture.SignedInManagerAsync();

        using var response = await client.GetAsync(
            $"/campaigns/{campaign.Id}/responses?supplier=acme&group=managers&question=no-such-question&pageNumber=abc", Cancel);
        var page = await HtmlPage.ReadAsync(response);
        var unknownSupplier = await HtmlPage.GetAsync(client, $"/campaigns/{campaign.Id}/responses?supplier={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"acme\" is not a supplier's id: every supplier is shown.", page.Text, StringComparison.Ordinal);
        Assert.Contains("\"managers\" is not a respondent group", page.Text, StringComparison.Ordinal);
        Assert.Contains("The questionnaire has no question \"no-such-question\": every question is shown.", page.Text, StringComparison.Ordinal);
        Assert.Contains("\"abc\" is not a page number: the first page is shown.", page.Text, StringComparison.Ordinal);
        Assert.Contains(AnsweredCampaign.ContactComment, page.Text, StringComparison.Ordinal);
        Assert.Contains(AnsweredCampaign.EvaluatorComment, page.Text, StringComparison.Ordinal);
        Assert.Contains("The campaign has not invited anyone about this supplier yet.", unknownSupplier.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_of_more_suppliers_than_a_page_holds_is_read_a_page_at_a_time()
    {
        var suppliers = await fixture.SuppliersAsync("Paged", [.. Enumerable.Repeat(1, 27)]);
        var campaign = await fixture.LaunchedAsync(suppliers);
        var id = campaign.GetPrimaryKey();
        using var client = await fixture.SignedInManagerAsync();

        var first = await HtmlPage.GetAsync(client, $"/campaigns/{id}/responses");
        var last = await HtmlPage.GetAsync(client, $"/campaigns/{id}/responses?pageNumber=2");
        var beyond = await HtmlPage.GetAsync(client, $"/campaigns/{id}/responses?pageNumber=2147483647");

        Assert.Equal(25, Regex.Count(first.Text, "<section aria-labelledby=\"supplier-"));
        Assert.Contains("Page 1 of 2", first.Text, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(last.Text, "<section aria-labelledby=\"supplier-"));
        Assert.Contains("This page shows suppliers 26 to 27", Regex.Replace(last.Text, @"\s+", " "), StringComparison.Ordinal);
        Assert.Contains(suppliers[26].Name, last.Text, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", beyond.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_comments_page_lists_every_comment_with_its_supplier_respondent_group_and_question()
    {
        var campaign = await ResponsesNode.AnsweredAsync(fixture);
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);
        var question = $"7. {campaign.Of(QuestionKind.FreeText).Text}";

        var page = await HtmlPage.GetAsync(client, $"/campaigns/{campaign.Id}/comments");
        var evaluatorsOnly = await HtmlPage.GetAsync(client, $"/campaigns/{campaign.Id}/comments?group=internal-evaluation");

        var rows = Regex.Matches(page.Text, "<tr>\\s*<td>(.*?)</tr>", RegexOptions.Singleline).Select(m => Regex.Replace(m.Value, @"\s+", " ")).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Contains($">{campaign.A.Name}</a></td>", StringComparison.Ordinal)
            && r.Contains($"<td>Contact 1 <{campaign.A.Emails[0]}></td> <td>Self-assessment</td> <td>{question}</td>", StringComparison.Ordinal)
            && r.Contains(AnsweredCampaign.ContactComment, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains($">{campaign.A.Name}</a></td>", StringComparison.Ordinal)
            && r.Contains($"<td>{campaign.EvaluatorName} <{campaign.EvaluatorEmail}></td> <td>Internal evaluation</td> <td>{question}</td>", StringComparison.Ordinal)
            && r.Contains(AnsweredCampaign.EvaluatorComment, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains($">{campaign.B.Name}</a></td>", StringComparison.Ordinal)
            && r.Contains(AnsweredCampaign.EditedComment, StringComparison.Ordinal) && r.Contains("UTC</time>, version 2", StringComparison.Ordinal));
        Assert.DoesNotContain(AnsweredCampaign.DraftComment, page.Text, StringComparison.Ordinal);
        Assert.Contains("<caption>Comments in submitted responses, by supplier</caption>", page.Text, StringComparison.Ordinal);
        Assert.Contains(AnsweredCampaign.EvaluatorComment, evaluatorsOnly.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(AnsweredCampaign.ContactComment, evaluatorsOnly.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_campaign_says_no_one_has_been_asked_yet()
    {
        var campaign = await fixture.DraftAsync(await fixture.SuppliersAsync(null, 1));
        using var client = await fixture.SignedInManagerAsync();

        var page = await HtmlPage.GetAsync(client, $"/campaigns/{campaign.GetPrimaryKey()}/responses");

        Assert.Contains("No supplier has been asked yet: the campaign is a draft.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<section", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("responses")]
    [InlineData("comments")]
    [InlineData("responses.csv")]
    public async Task A_signed_out_reader_is_sent_to_sign_in(string page)
    {
        var campaign = await fixture.DraftAsync(await fixture.SuppliersAsync(null, 1));
        var path = $"/campaigns/{campaign.GetPrimaryKey()}/{page}";
        using var client = fixture.Node.CreateClient();

        using var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(path), response.RedirectTarget());
    }

    [Theory]
    [InlineData("responses")]
    [InlineData("comments")]
    [InlineData("responses.csv")]
    public async Task An_unknown_campaign_is_not_found(string page)
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        using var response = await client.GetAsync($"/campaigns/{Guid.NewGuid()}/{page}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
