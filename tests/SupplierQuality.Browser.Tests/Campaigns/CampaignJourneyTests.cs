using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SupplierQuality.Browser.Tests.Infrastructure;
using SupplierQuality.Email;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Browser.Tests.Campaigns;

/// <summary>
/// The whole loop through the pages: a manager imports suppliers, builds and publishes a questionnaire, launches a
/// campaign; a supplier answers from the emailed link (saves, comes back, submits, edits); the manager sees the
/// counters move.
/// </summary>
public sealed partial class CampaignJourneyTests(BrowserFixture browser)
{
    private const string QuestionnaireTitle = "Annual supplier review";
    private const string LikertQuestion = "How reliable were our delivery schedules?";
    private const string FreeTextQuestion = "What should we do better next year?";
    private const string CampaignName = "Spring supplier survey";
    private const string FirstContact = "ana@northwind.example";
    private const string BuyerName = "Acme Buying Ltd";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Manager_imports_suppliers_publishes_a_questionnaire_launches_a_campaign_and_sees_the_supplier_answer()
    {
        // The development default: the embedded SQLite file, as `dotnet run` gives a newcomer.
        using var data = new TemporaryDirectory();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = null,
            ["Storage:SqlitePath"] = Path.Combine(data.Path, "node.db"),
            ["Campaigns:TickPeriod"] = "00:00:01",
        });
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        // 1. The admin signs in.
        await page.GotoAsync("/suppliers");
        await page.GetByLabel("Email").FillAsync(TestNode.AdminEmail);
        await page.GetByLabel("Password").FillAsync(TestNode.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Not WaitForURLAsync (see SupplierJourneyTests): the URL assertion polls and is enough.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/suppliers$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("0 suppliers");
        await Step(page, "01-signed-in");

        // 2. Imports suppliers from a CSV file: preview, confirm, list.
        await ImportSuppliersAsync(page);

        // 3. Builds a questionnaire through the editor and publishes it.
        await BuildQuestionnaireAsync(page);

        // 4. Names the organisation suppliers will see (a campaign cannot launch as "Our company").
        await NameOrganisationAsync(page);

        // 5. Creates a campaign of two chosen suppliers and launches it.
        var campaignPath = await LaunchCampaignAsync(page);

        // 6. The invitation to the first contact reaches the outbox; its link is the supplier's way in.
        var invitation = await InvitationToAsync(node, FirstContact);
        // The default text for a supplier's contact, with the organisation's name, which answers replies.
        Assert.Equal($"How is working with {BuyerName} going?", invitation.Subject);
        Assert.Equal(new Mailbox("quality@acme.example", BuyerName), invitation.ReplyTo);
        Assert.Contains("Who sees your answers: Only our quality team reads your answers.", invitation.TextBody, StringComparison.Ordinal);
        var surveyPath = SurveyLink().Match(invitation.TextBody) is { Success: true } link
            ? link.Value
            : throw new InvalidOperationException($"No survey link in the invitation: {invitation.TextBody}");
        await ReloadUntilAsync(page, page.Locator("#count-sent"), "2");
        await Assertions.Expect(page.Locator("#count-invited")).ToHaveTextAsync("2");
        await Step(page, "13-invitations-sent");

        // 7. The supplier, in a browser of its own, answers, while the manager's campaign page stays open.
        await Assertions.Expect(page.GetByText("The counts update themselves every few seconds.")).ToBeVisibleAsync();
        await AnswerAsSupplierAsync(node, surveyPath);

        // 8. The manager's page, never reloaded, shows the counters moved.
        Assert.EndsWith(campaignPath, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#count-submitted")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#response-rate")).ToHaveTextAsync("50% (1 of 2 invited people submitted)");
        await Assertions.Expect(page.Locator("#supplier-response-rate")).ToContainTextAsync("1 of 2 suppliers have at least one response");
        var northwind = page.Locator("#supplier-progress tbody tr", new() { HasText = "Northwind Castings" });
        await Assertions.Expect(northwind.Locator("td").Nth(5)).ToHaveTextAsync("1");
        await Assertions.Expect(northwind.Locator("td").Nth(6)).ToHaveTextAsync("100%");
        // The contact's mean is a self-assessment, apart from internal evaluation (nobody evaluated): of the edited
        // answers (5 of 5 scores 100; the first submission's 4 scored 75).
        await Assertions.Expect(northwind.Locator("td").Nth(8)).ToHaveTextAsync("100.0", new() { Timeout = 30_000 });
        await Assertions.Expect(northwind.Locator("td").Nth(7)).ToHaveTextAsync("—");
        await Step(page, "22-counters-moved");
    }

    private static async Task ImportSuppliersAsync(IPage page)
    {
        var folder = Directory.CreateTempSubdirectory("sq-browser-import-");
        try
        {
            var csv = Path.Combine(folder.FullName, "suppliers.csv");
            await File.WriteAllTextAsync(csv, """
                name,category,contact_name,contact_email
                Northwind Castings,castings,Ana Silva,ana@northwind.example
                Contoso Forgings,forgings,Ben Okafor,ben@contoso.example
                Fabrikam Plastics,plastics,Chloe Martin,chloe@fabrikam.example

                """);

            await page.GetByRole(AriaRole.Link, new() { Name = "Import suppliers from a CSV file" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import suppliers", Level = 1 })).ToBeVisibleAsync();
            await page.SetInputFilesAsync("input[type=file]", csv);
            await Step(page, "02-import-file-chosen");
            await page.GetByRole(AriaRole.Button, new() { Name = "Preview the import" }).ClickAsync();
            // The browser reads the file when it posts the form: the folder stays until the preview shows.
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview of suppliers.csv" })).ToBeVisibleAsync();
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Status))
            .ToHaveTextAsync("The file has 3 rows for 3 suppliers: 3 to create, 0 to update, 0 unchanged. Nothing is saved yet.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "ben@contoso.example" })).ToBeVisibleAsync();
        await Step(page, "03-import-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import: create 3" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import finished" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 created, 0 updated, 0 unchanged.");
        await Step(page, "04-import-finished");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the suppliers" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/suppliers$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 suppliers");
        foreach (var name in new[] { "Northwind Castings", "Contoso Forgings", "Fabrikam Plastics" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        }

        await Step(page, "05-suppliers-listed");
    }

    private static async Task BuildQuestionnaireAsync(IPage page)
    {
        await page.GotoAsync("/questionnaires");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a questionnaire" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(QuestionnaireTitle);
        await page.GetByLabel(new Regex("^Introduction")).FillAsync("Ten minutes of your time helps us both improve.");
        await Assertions.Expect(page.GetByLabel(new Regex("^Start with the usual dimensions"))).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create questionnaire" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit version 1 (draft)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Questionnaire created. Add its questions, then publish it.");
        await Step(page, "06-questionnaire-draft");

        // A Likert question scored in Quality.
        await page.GetByLabel("Kind of question to add").SelectOptionAsync(new SelectOptionValue { Label = "Likert scale" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a question" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add question 1: Likert scale" })).ToBeVisibleAsync();
        await page.GetByLabel("Question", new() { Exact = true }).FillAsync(LikertQuestion);
        await page.GetByLabel(new Regex("^Dimension")).SelectOptionAsync(new SelectOptionValue { Label = "Quality" });
        await Assertions.Expect(page.GetByLabel("Number of points")).ToHaveValueAsync("5");
        await page.GetByLabel("Label of the lowest point").FillAsync("Poor");
        await page.GetByLabel("Label of the highest point").FillAsync("Excellent");
        await Step(page, "07-likert-question");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add question", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Question 1 added.");
        await Assertions.Expect(page.GetByText("Likert scale, 5 points, in Quality, required")).ToBeVisibleAsync();

        // A free-text question, in no dimension.
        await page.GetByLabel("Kind of question to add").SelectOptionAsync(new SelectOptionValue { Label = "Free text" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a question" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add question 2: Free text" })).ToBeVisibleAsync();
        await page.GetByLabel("Question", new() { Exact = true }).FillAsync(FreeTextQuestion);
        await page.GetByLabel(new Regex("^Most characters an answer may have")).FillAsync("500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add question", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Question 2 added.");
        await Assertions.Expect(page.GetByText("Free text, up to 500 characters, not scored, required")).ToBeVisibleAsync();
        await Step(page, "08-draft-with-questions");

        await page.GetByRole(AriaRole.Link, new() { Name = "Publish, copy or see other versions" }).ClickAsync();
        await page.GetByLabel(new Regex("^Yes, publish version 1")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 is published.");
        await Assertions.Expect(page.GetByText("1: campaigns can use it")).ToBeVisibleAsync();
        await Step(page, "09-questionnaire-published");
    }

    /// <summary>The admin replaces the placeholder "Our company" with the company's name and its quality team's contact.</summary>
    private static async Task NameOrganisationAsync(IPage page)
    {
        await page.GotoAsync("/admin/organisation");
        await Assertions.Expect(page.Locator("#unnamed")).ToContainTextAsync("Until then no campaign with that name can launch.");
        await page.GetByLabel("Company name").FillAsync(BuyerName);
        await page.GetByLabel("Contact person", new() { Exact = true }).FillAsync("Quinn Quality");
        await page.GetByLabel("Reply-to address").FillAsync("quality@acme.example");
        await page.GetByLabel("Privacy note").FillAsync("Only our quality team reads your answers.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the organisation settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved version 1. Survey emails and forms show these from now on.");
        await Step(page, "09b-organisation-named");
    }

    /// <summary>Fills the new-campaign form, saves the draft and launches it from its page; returns the campaign's path.</summary>
    private static async Task<string> LaunchCampaignAsync(IPage page)
    {
        await page.GotoAsync("/campaigns");
        await page.GetByRole(AriaRole.Link, new() { Name = "New campaign" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/campaigns/new$"));
        await page.GetByLabel(new Regex("^Name")).FillAsync(CampaignName);
        var version = page.GetByLabel("Questionnaire", new() { Exact = true });
        var value = await version.Locator("option", new() { HasText = $"{QuestionnaireTitle}, version 1 (2 questions" }).GetAttributeAsync("value");
        await version.SelectOptionAsync(value!);
        await page.GetByLabel("The suppliers chosen here").CheckAsync();
        await Assertions.Expect(page.GetByText("3 active suppliers · 0 chosen")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Northwind Castings" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Contoso Forgings" }).CheckAsync();
        await page.GetByLabel(new Regex("^Deadline, UTC")).FillAsync(
            DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await Step(page, "10-campaign-form");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/campaigns/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = CampaignName, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Draft saved. Nothing is sent until you launch it.");
        await Assertions.Expect(page.Locator("#campaign-status")).ToHaveTextAsync("Draft");
        await Assertions.Expect(page.GetByText("2 chosen suppliers")).ToBeVisibleAsync();
        await Step(page, "11-campaign-draft");

        // A launch cannot be called back: without the box ticked the page says so, and the box says what goes out.
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Tick the box to confirm the launch") })).ToBeVisibleAsync();
        await Step(page, "11b-launch-needs-confirmation");
        await page.GetByLabel(new Regex("^Yes, launch: Launching sends \\d+ emails? to \\d+ (person|people) at 2 suppliers now")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Launched: the invitations are going out now.");
        await Assertions.Expect(page.Locator("#campaign-status")).ToHaveTextAsync("Open");
        await Step(page, "12-campaign-launched");
        return new Uri(page.Url).AbsolutePath;
    }

    /// <summary>Polls the development outbox for the invitation to <paramref name="email"/>.</summary>
    private static async Task<OutboxMessage> InvitationToAsync(TestNode node, string email)
    {
        var outbox = node.Services.GetRequiredService<OutboxReader>();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var mail = await outbox.ListAsync(0, int.MaxValue, TestContext.Current.CancellationToken);
            if (mail.Messages.FirstOrDefault(m => string.Equals(m.To.Email, email, StringComparison.OrdinalIgnoreCase)) is { } message)
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No invitation to {email} in {node.OutboxPath} after {Patience.TotalSeconds} s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private async Task AnswerAsSupplierAsync(TestNode node, string surveyPath)
    {
        // A browser of its own: none of the manager's cookies.
        await using var supplier = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.BaseAddress.ToString() });
        var form = await supplier.NewPageAsync();
        await form.GotoAsync(surveyPath);
        await Assertions.Expect(form.GetByRole(AriaRole.Heading, new() { Name = CampaignName, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Heading, new() { Name = QuestionnaireTitle, Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator("#survey-intro")).ToContainTextAsync($"How is working with {BuyerName} going for Northwind Castings?");
        await Assertions.Expect(form.GetByRole(AriaRole.Link, new() { Name = "Questionnaires" })).ToHaveCountAsync(0);
        await Likert(form, "4").CheckAsync();
        await Step(form, "14-supplier-first-answer");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save and continue later" }).ClickAsync();
        await Assertions.Expect(form).ToHaveURLAsync(new Regex("saved=true$"));
        await Assertions.Expect(form.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answers are saved.");
        await Step(form, "15-supplier-saved");
        await form.CloseAsync();

        // Coming back later: the saved answer is there.
        form = await supplier.NewPageAsync();
        await form.GotoAsync(surveyPath);
        await Assertions.Expect(Likert(form, "4")).ToBeCheckedAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Textbox, new() { Name = FreeTextQuestion })).ToBeEmptyAsync();
        await Step(form, "16-supplier-back-to-the-draft");

        await form.GetByRole(AriaRole.Textbox, new() { Name = FreeTextQuestion }).FillAsync("Send the forecasts a week earlier.");
        await Step(form, "17-supplier-all-answered");
        await form.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Heading, new() { Name = "Thank you: your answers are submitted" })).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByText(new Regex("^Version 1, sent "))).ToBeVisibleAsync();
        await Assertions.Expect(Answer(form, LikertQuestion)).ToHaveTextAsync("4 of 5");
        await Assertions.Expect(Answer(form, FreeTextQuestion)).ToHaveTextAsync("Send the forecasts a week earlier.");
        await Step(form, "18-supplier-submitted");

        // Editing: another answer, submitted again, is version 2.
        await form.GetByRole(AriaRole.Link, new() { Name = "Edit your answers" }).ClickAsync();
        await Assertions.Expect(form).ToHaveURLAsync(new Regex("edit=true$"));
        await Assertions.Expect(form.GetByText(new Regex("You submitted version 1 on"))).ToBeVisibleAsync();
        await Assertions.Expect(Likert(form, "4")).ToBeCheckedAsync();
        await Likert(form, "5 – Excellent").CheckAsync();
        await Step(form, "19-supplier-editing");
        await form.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Heading, new() { Name = "Thank you: your answers are submitted" })).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByText(new Regex("^Version 2, sent "))).ToBeVisibleAsync();
        await Assertions.Expect(Answer(form, LikertQuestion)).ToHaveTextAsync("5 of 5 – Excellent");
        await Step(form, "20-supplier-version-2");

        // The link stays the supplier's: opening it again shows what was submitted.
        await form.GotoAsync(surveyPath);
        await Assertions.Expect(form.GetByText(new Regex("^Version 2, sent "))).ToBeVisibleAsync();
        await Step(form, "21-supplier-link-again");
    }

    /// <summary>A point of the Likert question on the supplier's form.</summary>
    private static ILocator Likert(IPage form, string point) =>
        form.GetByRole(AriaRole.Group, new() { Name = $"1. {LikertQuestion}" }).GetByRole(AriaRole.Radio, new() { Name = point, Exact = true });

    /// <summary>The submitted answer to a question, as the supplier's confirmation lists it.</summary>
    private static ILocator Answer(IPage form, string question) =>
        form.Locator("dl.answers dt", new() { HasText = question }).Locator("xpath=following-sibling::dd[1]");

    /// <summary>Reloads until <paramref name="locator"/> says <paramref name="text"/>: the page does not update itself.</summary>
    private static async Task ReloadUntilAsync(IPage page, ILocator locator, string text)
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await locator.TextContentAsync())?.Trim() != text)
        {
            Assert.True(DateTime.UtcNow < deadline, $"After {Patience.TotalSeconds} s the page still shows {await locator.TextContentAsync()}, not {text}.");
            await Task.Delay(250, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
        }

        await Assertions.Expect(locator).ToHaveTextAsync(text);
    }

    private static async Task Step(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{nameof(CampaignJourneyTests)}-{name}.png"),
            FullPage = true,
        });

    [GeneratedRegex("/s/[A-Za-z0-9_-]+")]
    private static partial Regex SurveyLink();
}
