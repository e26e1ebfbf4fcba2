using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SupplierQuality.Browser.Tests.Infrastructure;
using SupplierQuality.Browser.Tests.Scorecards;
using SupplierQuality.Browser.Tests.Survey;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Browser.Tests.Scorecards.ExecutiveJourneySeed;

namespace SupplierQuality.Browser.Tests.Reflow;

/// <summary>
/// WCAG 1.4.10 Reflow: every page state the journeys reach (the manager's, the executive's, the admin's and the
/// supplier's, with their error states) fits a 320 CSS px wide screen without scrolling sideways. The data is made
/// through the grains first, so the test spends its time in the pages.
/// </summary>
public sealed class ReflowTests(BrowserFixture browser)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_state_of_the_journeys_fits_a_320_px_wide_screen()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?> { ["Campaigns:TickPeriod"] = "00:00:01" });
        var answered = await SeedAsync(node.Grains);
        var survey = await SurveySeed.LaunchAsync(node.Grains);
        await OrganisationAsync(node.Grains);
        var draftCampaign = await DraftCampaignAsync(node.Grains, survey.QuestionnaireId);
        var questionnaire = node.Grains.GetGrain<IQuestionnaireGrain>(survey.QuestionnaireId);
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.StartDraftAsync()).Outcome);
        var phone = new PhoneScreen(nameof(ReflowTests));

        await using (var context = await browser.Browser.NewContextAsync(PhoneScreen.Context(node.BaseAddress)))
        {
            var page = await context.NewPageAsync();
            await StaffPagesAsync(page, phone, node, answered, survey, draftCampaign);
        }

        await using (var context = await browser.Browser.NewContextAsync(PhoneScreen.Context(node.BaseAddress)))
        {
            var page = await context.NewPageAsync();
            await SupplierPagesAsync(page, phone, survey.Invitations[0]);
        }

        await phone.AssertAllFitAsync();
        phone.AssertAxeClean();
    }

    private static async Task StaffPagesAsync(
        IPage page, PhoneScreen phone, TestNode node, JourneyCampaign answered, SurveyCampaign survey, Guid draftCampaign)
    {
        async Task Visit(string path, string step)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok == true, $"{path} answered {response?.Status}");
            await phone.MeasureAsync(page, step);
        }

        var supplier = JourneySuppliers[0];

        // Signing in, the wrong password first.
        await page.GotoAsync("/account/sign-in");
        await phone.MeasureAsync(page, "01-sign-in");
        await page.GetByLabel("Email").FillAsync(TestNode.AdminEmail);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await phone.MeasureAsync(page, "02-sign-in-refused");
        await page.GetByLabel("Password").FillAsync(TestNode.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/sign-in"));
        await phone.MeasureAsync(page, "03-signed-in");

        // Suppliers: list, new (and refused), details, edit, scorecard, import and its preview.
        await Visit("/suppliers", "04-suppliers");
        await Visit("/suppliers/new", "05-supplier-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add supplier" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await phone.MeasureAsync(page, "06-supplier-new-refused");
        await Visit($"/suppliers/{supplier.Id}", "07-supplier");
        await Visit($"/suppliers/{supplier.Id}/edit", "08-supplier-edit");
        await Visit($"/suppliers/{supplier.Id}/scorecard", "09-scorecard");
        await Visit("/suppliers/import", "10-supplier-import");
        await ImportPreviewAsync(page);
        await phone.MeasureAsync(page, "11-supplier-import-preview");

        // Questionnaires: list, new (and refused), details, the draft, a question, a new question, the preview.
        await Visit("/questionnaires", "12-questionnaires");
        await Visit("/questionnaires/new", "13-questionnaire-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create questionnaire" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await phone.MeasureAsync(page, "14-questionnaire-new-refused");
        var questionnaire = survey.QuestionnaireId;
        await Visit($"/questionnaires/{questionnaire}", "15-questionnaire");
        await Visit($"/questionnaires/{questionnaire}/draft", "16-questionnaire-draft");
        await Visit($"/questionnaires/{questionnaire}/draft/questions/{survey.Version.Questions[0].Id}", "17-question-likert");
        await page.GetByLabel("Question", new() { Exact = true }).FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save question" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await phone.MeasureAsync(page, "18-question-refused");
        await Visit($"/questionnaires/{questionnaire}/draft/questions?kind=SingleChoice", "19-question-new-single-choice");
        await Visit($"/questionnaires/{questionnaire}/versions/1/preview", "20-questionnaire-preview");

        // Campaigns: list, new (and refused), a launched one, a draft's edit form, a supplier, adding suppliers, responses.
        await Visit("/campaigns", "21-campaigns");
        await Visit("/campaigns/new", "22-campaign-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await phone.MeasureAsync(page, "23-campaign-new-refused");
        await Visit($"/campaigns/{answered.Id}", "24-campaign");
        await Visit($"/campaigns/{draftCampaign}/edit", "25-campaign-draft-edit");
        await Visit($"/campaigns/{answered.Id}/suppliers/{supplier.Id}", "26-campaign-supplier");
        await Visit($"/campaigns/{survey.Id}/add-suppliers", "27-campaign-add-suppliers");
        await Visit($"/campaigns/{answered.Id}/responses", "28-responses");
        await Visit($"/campaigns/{answered.Id}/comments", "29-comments");

        // The executive's pages: the ranking, a review frozen from it, a supplier in the review.
        await Visit("/rankings", "30-ranking");
        await Visit("/reviews", "31-reviews");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Q4 2026 supplier review");
        await page.GetByLabel(new Regex("^Period")).SelectOptionAsync(new SelectOptionValue { Value = answered.Period });
        await page.GetByRole(AriaRole.Button, new() { Name = "Freeze the ranking into a review" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/reviews/[0-9a-f-]{36}$"));
        await phone.MeasureAsync(page, "32-review");
        await Visit($"{new Uri(page.Url).AbsolutePath}/suppliers/{supplier.Id}", "33-review-supplier");

        // Metrics and the admin's pages.
        await Visit("/metrics/import", "34-metrics-import");
        await Visit("/admin/scorecard-settings", "35-scorecard-settings");
        await Visit("/admin/organisation", "35b-organisation");
        await page.GetByLabel("Company name").FillAsync("Our company");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the organisation settings" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await phone.MeasureAsync(page, "35c-organisation-refused");
        await Visit("/admin/accounts", "36-accounts");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account with a one-time password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await phone.MeasureAsync(page, "36-accounts-refused");
        await Visit("/admin/api-keys", "37-api-keys");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await phone.MeasureAsync(page, "37-api-keys-refused");
        await Visit("/admin/outbox", "38-outbox");
        var mail = await node.Services.GetRequiredService<OutboxReader>().ListAsync(0, 1, Cancel);
        await Visit(OutboxLink(mail.Messages[0].Id), "39-outbox-message");
        await Visit("/account/change-password", "40-change-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Enter your current password." }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Current password")).ToBeFocusedAsync();
        await phone.MeasureAsync(page, "40-change-password-refused");
    }

    private static async Task SupplierPagesAsync(IPage page, PhoneScreen phone, SurveyInvitation invitation)
    {
        // The form, refused by the server (the browser's own checks are off, as an old browser's would be), saved,
        // submitted, and edited again.
        await page.GotoAsync(invitation.FormPath);
        await phone.MeasureAsync(page, "41-survey-form");
        await page.EvalOnSelectorAsync("form[method=post]", "form => form.noValidate = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await phone.MeasureAsync(page, "42-survey-refused");
        await Question(page, SurveySeed.LikertQuestion).GetByRole(AriaRole.Radio, new() { Name = "4", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue later" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("saved=true$"));
        await phone.MeasureAsync(page, "43-survey-saved");
        await Question(page, SurveySeed.RatingQuestion).GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true }).CheckAsync();
        await Question(page, SurveySeed.YesNoQuestion).GetByRole(AriaRole.Radio, new() { Name = "Not applicable" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you: your answers are submitted" })).ToBeVisibleAsync();
        await phone.MeasureAsync(page, "44-survey-submitted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a copy of my answers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("A copy of your answers is on its way to q***@");
        await phone.MeasureAsync(page, "44b-survey-copy-sent");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit your answers" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("edit=true$"));
        await phone.MeasureAsync(page, "45-survey-editing");
        // The same form in German, its language switch in the header (native names are longer than "English").
        await page.GotoAsync(invitation.FormPath + "?edit=true&lang=de");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abschicken" })).ToBeVisibleAsync();
        await phone.MeasureAsync(page, "45b-survey-german");
        await page.GotoAsync("/s/this-is-not-a-link");
        await phone.MeasureAsync(page, "46-survey-link-not-valid");

        // Unsubscribing: the question, the answer, and a link that is not valid.
        await page.GotoAsync(invitation.UnsubscribePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Stop survey emails to q***@");
        await phone.MeasureAsync(page, "47-unsubscribe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop survey emails" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You will get no more survey emails at this address");
        await phone.MeasureAsync(page, "48-unsubscribed");
        await page.GotoAsync("/u/this-is-not-a-link");
        await phone.MeasureAsync(page, "49-unsubscribe-link-not-valid");
    }

    /// <summary>
    /// The organisation the supplier's pages name, with a logo and long addresses (an address is one long word), so the
    /// form's header is measured as full as it gets.
    /// </summary>
    private static async Task OrganisationAsync(IGrainFactory grains)
    {
        var logo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        var saved = await grains.GetOrganisation().SaveAsync(
            new OrganisationUpdate(
                new OrganisationProfile(
                    "Acme Buying Ltd",
                    "Quinn Quality",
                    "quinn.quality@acme-buying-and-procurement.example",
                    "supplier-quality-team@acme-buying-and-procurement.example",
                    "Only Acme's supplier quality team reads your answers. They are used to review how we work with our suppliers and are never shared with other suppliers."),
                logo),
            null,
            TestNode.AdminEmail);
        Assert.Equal(CommandOutcome.Ok, saved.Outcome);
    }

    /// <summary>A question of the supplier's form, by its text.</summary>
    private static ILocator Question(IPage page, string question) =>
        page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex(Regex.Escape(question)) });

    /// <summary>Uploads a small supplier CSV file and waits for its preview.</summary>
    private static async Task ImportPreviewAsync(IPage page)
    {
        var folder = Directory.CreateTempSubdirectory("sq-browser-reflow-");
        try
        {
            var csv = Path.Combine(folder.FullName, "suppliers.csv");
            await File.WriteAllTextAsync(csv, """
                name,category,contact_name,contact_email
                Fabrikam Plastics and Injection Moulding,plastics,Chloe Martin,chloe.martin@fabrikam-plastics-and-injection-moulding.example

                """, Cancel);
            await page.SetInputFilesAsync("input[type=file]", csv);
            await page.GetByRole(AriaRole.Button, new() { Name = "Preview the import" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview of suppliers.csv" })).ToBeVisibleAsync();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A campaign saved as a draft, so its edit form can be shown.</summary>
    private static async Task<Guid> DraftCampaignAsync(IGrainFactory grains, Guid questionnaireId)
    {
        var id = Guid.NewGuid();
        var definition = new CampaignDefinition(
            "Winter 2026 supplier survey",
            questionnaireId,
            1,
            AudienceKind.Chosen,
            null,
            [JourneySuppliers[1].Id],
            [new Evaluator("Eve One", "eve.one@buyer.example")],
            null,
            DateTimeOffset.UtcNow.AddDays(30),
            [3, 7],
            "{{supplier_name}}: how did we work together?",
            "Dear {{contact_name}}, please answer by {{deadline}}.",
            "Acme Buying Ltd");
        Assert.Equal(CommandOutcome.Created, (await grains.GetGrain<ICampaignGrain>(id).CreateAsync(definition)).Outcome);
        return id;
    }

    private static string OutboxLink(string id) => string.Create(CultureInfo.InvariantCulture, $"/admin/outbox/{Uri.EscapeDataString(id)}");
}
