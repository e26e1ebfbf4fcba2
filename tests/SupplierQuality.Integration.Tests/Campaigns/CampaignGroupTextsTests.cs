using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// The two respondent groups through the node: a supplier's contact is asked how working with the buyer goes, an
/// internal evaluator is asked to rate the supplier named, in the email, on the form, on the campaign page and through
/// the API, each with default texts.
/// </summary>
[Collection(CampaignsNode.Collection)]
public sealed class CampaignGroupTextsTests(CampaignsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_campaign_form_starts_with_the_default_texts_of_both_groups()
    {
        using var client = await fixture.SignedInManagerAsync();

        var page = await HtmlPage.GetAsync(client, "/campaigns/new");

        Assert.Equal(SurveyTexts.ContactSubject, page.ValueOf("Form_Subject"));
        Assert.Equal(SurveyTexts.EvaluatorSubject, page.ValueOf("Form_EvaluatorSubject"));
        var text = page.Text.ReplaceLineEndings("\n");
        Assert.Contains(SurveyTexts.ContactIntro + "</textarea>", text, StringComparison.Ordinal);
        Assert.Contains(SurveyTexts.EvaluatorIntro + "</textarea>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluator_and_contact_each_get_their_own_email_and_form_and_the_campaign_page_shows_both_texts()
    {
        using var client = await fixture.SignedInManagerAsync();
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var supplier = (await fixture.SuppliersAsync("Groups", 1))[0];
        var evaluator = $"eve-{Guid.NewGuid():N}@buyer.test";
        var formId = Guid.NewGuid();

        using var launched = await client.PostFormAsync("/campaigns/new?handler=Launch", CampaignPagesTests.Form(formId, questionnaireId, [supplier], f =>
        {
            f["Form.Evaluators"] = $"Eve Evaluator <{evaluator}>";
            f["Form.Subject"] = SurveyTexts.ContactSubject;
            f["Form.Intro"] = SurveyTexts.ContactIntro;
            f["Form.EvaluatorSubject"] = SurveyTexts.EvaluatorSubject;
            f["Form.EvaluatorIntro"] = SurveyTexts.EvaluatorIntro;
        }));
        Assert.Equal($"/campaigns/{formId}#launch", launched.RedirectTarget());
        await CampaignPagesTests.LaunchFromPageAsync(client, formId);
        await fixture.Node.Grains.GetGrain<ICampaignGrain>(formId).RunAsync();

        var toEvaluator = Assert.Single(await fixture.MailToAsync([evaluator]));
        var toContact = Assert.Single(await fixture.MailToAsync(supplier.Emails));
        Assert.Equal($"Please rate {supplier.Name}", toEvaluator.Subject);
        Assert.Equal($"How is working with {CampaignsNode.BuyerName} going?", toContact.Subject);

        var evaluatorForm = await HtmlPage.GetAsync(client, $"/s/{CampaignsNode.TokenIn(toEvaluator)}");
        Assert.Contains($"You are rating <strong>{supplier.Name}</strong>.", evaluatorForm.Text, StringComparison.Ordinal);
        Assert.Contains(
            $"<div id=\"survey-intro\" class=\"survey-intro\"><p>Dear Eve Evaluator,</p>\n<p>Please rate {supplier.Name} as a supplier to {CampaignsNode.BuyerName},",
            evaluatorForm.Text,
            StringComparison.Ordinal);

        var contactForm = await HtmlPage.GetAsync(client, $"/s/{CampaignsNode.TokenIn(toContact)}");
        Assert.Contains(
            $"<div id=\"survey-intro\" class=\"survey-intro\"><p>Dear Contact 1,</p>\n<p>How is working with {CampaignsNode.BuyerName} going for {supplier.Name}?",
            contactForm.Text,
            StringComparison.Ordinal);
        Assert.DoesNotContain("You are rating", contactForm.Text, StringComparison.Ordinal);

        var details = await HtmlPage.GetAsync(client, $"/campaigns/{formId}");
        Assert.Contains($"<span id=\"contact-subject\">{SurveyTexts.ContactSubject}</span>", details.Text, StringComparison.Ordinal);
        Assert.Contains($"<span id=\"evaluator-subject\">{SurveyTexts.EvaluatorSubject}</span>", details.Text, StringComparison.Ordinal);
        Assert.Contains($"<dd id=\"evaluator-intro\" class=\"pre-line\">{SurveyTexts.EvaluatorIntro}</dd>", details.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_created_through_the_api_without_texts_gets_the_default_ones()
    {
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);

        using var created = await fixture.Writer.PostAsJsonAsync("/api/campaigns", ApiBody(questionnaireId, suppliers), Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var definition = (await created.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["definition"]!;
        Assert.Equal(
            (SurveyTexts.ContactSubject, SurveyTexts.ContactIntro, SurveyTexts.EvaluatorSubject, SurveyTexts.EvaluatorIntro),
            ((string)definition["subject"]!, (string)definition["intro"]!, (string)definition["evaluatorSubject"]!, (string)definition["evaluatorIntro"]!));
    }

    [Fact]
    public async Task Bad_evaluator_texts_are_refused_by_the_api_and_the_form_each_with_its_field()
    {
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);
        var body = ApiBody(questionnaireId, suppliers);
        body["evaluatorSubject"] = "Please rate our supplier";
        body["evaluatorIntro"] = "Dear {{first_name}}, please rate {{supplier_name}}.";

        using var response = await fixture.Writer.PostAsJsonAsync("/api/campaigns", body, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["errors"]!.Deserialize<Dictionary<string, string[]>>()!;
        Assert.Equal(["evaluatorIntro", "evaluatorSubject"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("{{first_name}} is not a known placeholder. Use one of {{supplier_name}}, {{contact_name}}, {{buyer_name}}", errors["evaluatorIntro"][0], StringComparison.Ordinal);
        Assert.StartsWith("Name the supplier in the evaluators' subject with {{supplier_name}}", errors["evaluatorSubject"][0], StringComparison.Ordinal);

        using var client = await fixture.SignedInManagerAsync();
        var formId = Guid.NewGuid();
        using var posted = await client.PostFormAsync("/campaigns/new", CampaignPagesTests.Form(formId, questionnaireId, suppliers, f =>
        {
            f["Form.EvaluatorSubject"] = "Rate {{supplier}}";
            f["Form.EvaluatorIntro"] = "";
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await HtmlPage.ReadAsync(posted);
        Assert.Matches("<a href=\"#Form_EvaluatorSubject\">\\{\\{supplier\\}\\} is not a known placeholder", page.Text);
        Assert.Contains("<a href=\"#Form_EvaluatorIntro\">Enter the intro of the email to internal evaluators.</a>", page.Text, StringComparison.Ordinal);
        Assert.Equal("Rate {{supplier}}", page.ValueOf("Form_EvaluatorSubject"));
        Assert.Null(await fixture.Node.Grains.GetGrain<ICampaignGrain>(formId).GetAsync());
    }

    /// <summary>A valid API body with no subject or intro for either group.</summary>
    private static Dictionary<string, object?> ApiBody(Guid questionnaireId, IEnumerable<TestSupplier> suppliers) => new()
    {
        ["name"] = "API campaign without texts",
        ["questionnaireId"] = questionnaireId,
        ["questionnaireVersion"] = 1,
        ["audience"] = "Chosen",
        ["suppliers"] = suppliers.Select(s => s.Id).ToArray(),
        ["evaluators"] = new[] { new { name = "Ann Lee", email = $"ann-{Guid.NewGuid():N}@buyer.test" } },
        ["deadline"] = DateTimeOffset.UtcNow.AddDays(14),
    };
}
