using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupplierQuality.Email.Tests.SendGridServer;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// The contact's language, else the campaign's: the invitation through the loopback SendGrid and the survey form speak
/// it, the form's language switch changes it and remembers the choice, and the API refuses a language not offered.
/// </summary>
public sealed class CampaignLanguageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_german_contact_gets_the_invitation_and_the_form_in_german_and_a_contact_without_a_language_gets_the_campaigns()
    {
        await using var sendGrid = await SendGridLoopbackServer.StartAsync();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Mail:Sender"] = "SendGrid",
            ["SendGrid:ApiKey"] = sendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["SendGrid:FromEmail"] = "surveys@buyer.test",
            ["Campaigns:TickPeriod"] = "00:00:01",
        });
        var supplierId = Guid.NewGuid();
        var tag = supplierId.ToString("N")[..8];
        var (german, other) = ($"dana@{tag}.test", $"remy@{tag}.test");
        Assert.Equal(CommandOutcome.Created, (await node.Grains.GetGrain<ISupplierGrain>(supplierId).CreateAsync(new CreateSupplier(new SupplierProfile(
            $"Gießerei {tag}", "castings", null, SupplierStatus.Active, [new SupplierContact("Dana", german, Language: "de"), new SupplierContact("Rémy", other)])))).Outcome);
        var (questionnaireId, version) = await QuestionnaireAsync(node.Grains);
        var campaign = node.Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        var definition = Definition(questionnaireId, DateTimeOffset.UtcNow, [supplierId]) with
        {
            Subject = SupplierQuality.Email.Templates.SurveyTexts.ContactSubject,
            Intro = SupplierQuality.Email.Templates.SurveyTexts.ContactIntro,
            Language = "fr",
        };
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);

        var sent = await EventuallyAsync(() => Task.FromResult(sendGrid.Accepted), m => m.Count >= 2, "two invitations");
        var toGerman = sent.Single(m => m.To == german);
        Assert.Equal("Wie läuft die Zusammenarbeit mit Acme Buying Ltd?", toGerman.Subject);
        Assert.StartsWith("Guten Tag Dana,", toGerman.Text, StringComparison.Ordinal);
        Assert.Contains($"Lieferant: Gießerei {tag}", toGerman.Text, StringComparison.Ordinal);
        Assert.Contains("Bitte antworten Sie bis ", toGerman.Text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", toGerman.Html, StringComparison.Ordinal);
        var toOther = sent.Single(m => m.To == other);
        Assert.Equal("Comment se passe votre collaboration avec Acme Buying Ltd ?", toOther.Subject);
        Assert.Contains($"Fournisseur : Gießerei {tag}", toOther.Text, StringComparison.Ordinal);

        // A translation of the questionnaire added after the launch is used, where it has the text.
        var parts = version.Questions.First(q => q.Kind == QuestionKind.Likert);
        var translated = await node.Grains.GetGrain<IQuestionnaireGrain>(questionnaireId).TranslateAsync(new TranslateVersion(
            1, "de", new Dictionary<string, string> { [$"question:{parts.Id}"] = "Wie gut waren die Teile?", [$"low:{parts.Id}"] = "Sehr schlecht" }));
        Assert.Equal(CommandOutcome.Ok, translated.Outcome);

        // The form speaks the invitation's language.
        var token = TokenIn(toGerman.Text);
        using var client = node.CreateClient();
        var form = await HtmlPage.GetAsync(client, $"/s/{token}");
        Assert.Contains("<html lang=\"de\">", form.Text, StringComparison.Ordinal);
        Assert.Contains($"Frage 1 von {version.Questions.Count}", form.Text, StringComparison.Ordinal);
        Assert.Contains(">Abschicken</button>", form.Text, StringComparison.Ordinal);
        Assert.Contains(">Speichern und später fortfahren</button>", form.Text, StringComparison.Ordinal);
        Assert.Contains("<p id=\"deadline\">Bitte antworten Sie bis <strong><time datetime=", form.Text, StringComparison.Ordinal);
        Assert.Contains("1. Wie gut waren die Teile?", form.Text, StringComparison.Ordinal);
        Assert.Contains(">1 – Sehr schlecht</label>", form.Text, StringComparison.Ordinal);
        Assert.Contains(">5 – Excellent</label>", form.Text, StringComparison.Ordinal);
        Assert.Contains("2. How likely are you to recommend us?", form.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/s/" + token + "?lang=fr\" lang=\"fr\" hreflang=\"fr\">Français</a>", form.Text, StringComparison.Ordinal);
        Assert.Contains("<strong lang=\"de\" aria-current=\"true\">Deutsch</strong>", form.Text, StringComparison.Ordinal);

        // A refused submit says why in German, in the summary and at the question.
        using var refused = await client.PostFormAsync($"/s/{token}", [new("action", "submit")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errors = await HtmlPage.ReadAsync(refused);
        Assert.Contains("<html lang=\"de\">", errors.Text, StringComparison.Ordinal);
        Assert.StartsWith("Fehler: ", errors.Title, StringComparison.Ordinal);
        Assert.Contains(">Frage 1: Bitte wählen Sie eine Antwort.</a>", errors.Text, StringComparison.Ordinal);
        Assert.Contains(">Bitte wählen Sie eine Antwort.</p>", errors.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Choose an answer.", errors.Text, StringComparison.Ordinal);
        using var copy = await client.PostFormAsync($"/s/{token}", [new("action", "copy")]);
        Assert.Equal(HttpStatusCode.BadRequest, copy.StatusCode);
        Assert.Contains("Es wurde nichts gesendet: Die Anfrage war unvollständig.", (await HtmlPage.ReadAsync(copy)).Text, StringComparison.Ordinal);

        // ?lang=fr switches the form, and the choice sticks for this form, through a save and its redirect.
        using var switching = node.CreateClient();
        var french = await HtmlPage.GetAsync(switching, $"/s/{token}?lang=fr");
        Assert.Contains("<html lang=\"fr\">", french.Text, StringComparison.Ordinal);
        Assert.Contains(">Envoyer</button>", french.Text, StringComparison.Ordinal);
        var again = await HtmlPage.GetAsync(switching, $"/s/{token}");
        Assert.Contains("<html lang=\"fr\">", again.Text, StringComparison.Ordinal);
        Assert.Contains($"Question 1 sur {version.Questions.Count}", again.Text, StringComparison.Ordinal);
        Assert.Contains("1. How good were the parts?", again.Text, StringComparison.Ordinal);
        var likert = version.Questions.First(q => q.Kind == QuestionKind.Likert).Id;
        using var saved = await switching.PostFormAsync($"/s/{token}", [new($"answers[{likert}]", "4"), new("action", "save")]);
        Assert.Equal($"/s/{token}?saved=true", saved.RedirectTarget());
        var afterSave = await HtmlPage.GetAsync(switching, $"/s/{token}?saved=true");
        Assert.Contains("Vos réponses sont enregistrées.", afterSave.Text, StringComparison.Ordinal);
        // The other browser keeps the invitation's language.
        Assert.Contains("<html lang=\"de\">", (await HtmlPage.GetAsync(client, $"/s/{token}")).Text, StringComparison.Ordinal);

        // The unsubscribe page speaks the invitation's language too.
        var unsubscribe = await HtmlPage.GetAsync(client, $"/u/{token}");
        Assert.Contains("<html lang=\"de\">", unsubscribe.Text, StringComparison.Ordinal);
        Assert.Contains(">Keine Umfrage-E-Mails mehr</button>", unsubscribe.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_takes_a_campaign_language_and_refuses_one_not_offered_by_field()
    {
        await using var node = await TestNode.StartAsync();
        using var api = await node.CreateApiClientAsync(Roles.QualityManager);
        var (suppliers, _) = await SuppliersAsync(node.Grains, 1);
        var (questionnaireId, _) = await QuestionnaireAsync(node.Grains);
        Dictionary<string, object?> Body(string? language) => new()
        {
            ["name"] = "A campaign in a language",
            ["questionnaireId"] = questionnaireId,
            ["questionnaireVersion"] = 1,
            ["audience"] = "Chosen",
            ["suppliers"] = suppliers.ToArray(),
            ["deadline"] = DateTimeOffset.UtcNow.AddDays(20),
            ["language"] = language,
        };

        using var created = await api.PostAsJsonAsync("/api/campaigns", Body("DE"), Cancel);
        using var plain = await api.PostAsJsonAsync("/api/campaigns", Body(null), Cancel);
        using var refused = await api.PostAsJsonAsync("/api/campaigns", Body("it"), Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("de", (string?)(await created.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["definition"]!["language"]);
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
        Assert.Null((string?)(await plain.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["definition"]!["language"]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["errors"]!;
        Assert.Equal("Choose one of the languages offered: en (English), de (Deutsch), fr (Français), es (Español).", (string?)errors["language"]![0]);
    }

    [Fact]
    public async Task A_manager_translates_a_published_version_on_its_translations_page_and_an_unknown_text_is_refused()
    {
        await using var node = await TestNode.StartAsync();
        using var manager = await node.CreateSignedInClientAsync(Roles.QualityManager);
        var (questionnaireId, version) = await QuestionnaireAsync(node.Grains);
        var path = $"/questionnaires/{questionnaireId}/versions/1/translations/es";
        var question = version.Questions[0];

        var blank = await HtmlPage.GetAsync(manager, path);
        Assert.Contains("<span lang=\"es\">Español</span>", blank.Text, StringComparison.Ordinal);
        Assert.Contains($"As written: <span class=\"pre-line\">{question.Text}</span>", blank.Text, StringComparison.Ordinal);
        using var saved = await manager.PostFormAsync(path, [new("texts[title]", "Encuesta a proveedores"), new($"texts[question:{question.Id}]", " ¿Qué tal eran las piezas? ")]);
        Assert.Equal(path, saved.RedirectTarget());
        var stored = await node.Grains.GetGrain<IQuestionnaireGrain>(questionnaireId).GetTranslationAsync(1, "es");
        Assert.Equal("Encuesta a proveedores", stored["title"]);
        Assert.Equal("¿Qué tal eran las piezas?", stored[$"question:{question.Id}"]);
        Assert.Contains("value=\"Encuesta a proveedores\"", (await HtmlPage.GetAsync(manager, path)).Text, StringComparison.Ordinal);

        using var refused = await manager.PostFormAsync(path, [new("texts[question:nope]", "Nada")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("This version has no such text.", (await HtmlPage.ReadAsync(refused)).Text, StringComparison.Ordinal);
        Assert.Equal(2, (await node.Grains.GetGrain<IQuestionnaireGrain>(questionnaireId).GetTranslationAsync(1, "es")).Count);
        using var english = await manager.GetAsync(new Uri($"/questionnaires/{questionnaireId}/versions/1/translations/en", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, english.StatusCode);
    }
}
