using SupplierQuality.Email.Languages;
using SupplierQuality.Email.Templates;

namespace SupplierQuality.Email.Tests;

/// <summary>Each email in German, French and Spanish: its own lines translated, the manager's words as written, dates in the language with their zone.</summary>
public sealed class TranslatedEmailTests
{
    private static readonly DateTimeOffset Deadline = new(2030, 3, 31, 17, 0, 0, TimeSpan.Zero);

    private static readonly Zone Berlin = Zone.OrUtc("Europe/Berlin");

    private static readonly SurveySender Sender = new(
        ContactName: "Quinn Quality", ContactEmail: "quinn@acme.example", PrivacyNote: "Only our quality team reads your answers.", RepliesReachBuyer: true);

    private static Language In(string code) => Language.FirstOf(code);

    private static MailTemplateValues Values(Language language) => new(
        "Bolt & Nut Ltd", "Dana Supplier", SurveyEmail.FormatDeadline(Deadline, Berlin, language), "https://sq.example/s/abc", "https://sq.example/u/abc", "Acme Ltd");

    [Theory]
    [InlineData("de", "Wie läuft die Zusammenarbeit mit Acme Ltd?", "Guten Tag Dana Supplier,", "Lieferant: Bolt & Nut Ltd", "Zur Umfrage: https://sq.example/s/abc", "Bitte antworten Sie bis 31. März 2030, 19:00 (UTC+02:00, Europe/Berlin).", "Gesendet von Acme Ltd. Abmelden: https://sq.example/u/abc")]
    [InlineData("fr", "Comment se passe votre collaboration avec Acme Ltd ?", "Bonjour Dana Supplier,", "Fournisseur : Bolt & Nut Ltd", "Ouvrir le questionnaire : https://sq.example/s/abc", "Merci de répondre avant le 31 mars 2030, 19:00 (UTC+02:00, Europe/Berlin).", "Envoyé par Acme Ltd. Se désabonner : https://sq.example/u/abc")]
    [InlineData("es", "¿Qué tal va la colaboración con Acme Ltd?", "Estimado/a Dana Supplier:", "Proveedor: Bolt & Nut Ltd", "Abrir la encuesta: https://sq.example/s/abc", "Le rogamos que responda antes del 31 de marzo de 2030, 19:00 (UTC+02:00, Europe/Berlin).", "Enviado por Acme Ltd. Darse de baja: https://sq.example/u/abc")]
    public void An_invitation_with_the_default_texts_is_written_in_the_contacts_language(
        string code, string subject, string greeting, string supplier, string open, string answerBy, string footer)
    {
        var language = In(code);
        var email = SurveyEmail.Render(
            SurveyTexts.In(SurveyTexts.ContactSubject, language), SurveyTexts.In(SurveyTexts.ContactIntro, language), Values(language), "Acme Ltd", Sender, language);

        Assert.Equal(subject, email.Subject);
        Assert.StartsWith(greeting, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(supplier, email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{open}\n{answerBy}", email.TextBody, StringComparison.Ordinal);
        Assert.EndsWith(footer, email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{code}\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Please answer", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subject_and_intro_the_manager_wrote_stay_as_written_around_translated_lines()
    {
        var german = In("de");
        var email = SurveyEmail.Render(
            SurveyTexts.In("Quality survey {{buyer_name}}", german), SurveyTexts.In("Hello {{contact_name}}", german), Values(german), "Acme Ltd", Sender, german);

        Assert.Equal("Quality survey Acme Ltd", email.Subject);
        Assert.StartsWith("Hello Dana Supplier\n\nLieferant: Bolt & Nut Ltd", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Wer Ihre Antworten sieht: Only our quality team reads your answers.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Fragen zu dieser Umfrage? Wenden Sie sich an Quinn Quality (quinn@acme.example) oder antworten Sie auf diese E-Mail.", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void English_stays_as_it_was()
    {
        Assert.Equal("31 March 2030, 19:00 (UTC+02:00, Europe/Berlin)", Berlin.Show(Deadline, Language.English));
        Assert.Equal("31 March 2030, 17:00 UTC", Zone.Utc.Show(Deadline, null));
        Assert.Same(SurveyTexts.ContactIntro, SurveyTexts.In(SurveyTexts.ContactIntro, Language.English));
    }

    [Theory]
    [InlineData("de", "Bitte bewerten Sie Bolt, Castings und Dies", "Zu bewertende Lieferanten (3):", "Castings: in Bearbeitung (gespeichert, nicht abgeschickt)", "Dies (neu): abgeschickt (Sie können Ihre Antworten bis zum Stichtag ändern)", "Gesendet von Acme Ltd. Falls Sie diese Lieferanten nicht bewerten sollten, wenden Sie sich an Quinn Quality (quinn@acme.example).")]
    [InlineData("fr", "Merci d’évaluer Bolt, Castings et Dies", "Fournisseurs à évaluer (3):", "Castings: en cours (enregistré, non envoyé)", "Dies (nouveau): envoyé (vous pouvez modifier vos réponses jusqu’à la date limite)", "Envoyé par Acme Ltd. Si vous ne devriez pas évaluer ces fournisseurs, adressez-vous à Quinn Quality (quinn@acme.example).")]
    [InlineData("es", "Le rogamos que evalúe a Bolt, Castings y Dies", "Proveedores que evaluar (3):", "Castings: en curso (guardado, sin enviar)", "Dies (nuevo): enviado (puede cambiar sus respuestas hasta la fecha límite)", "Enviado por Acme Ltd. Si no le corresponde evaluar a estos proveedores, consulte a Quinn Quality (quinn@acme.example).")]
    public void An_evaluators_digest_is_written_in_the_campaigns_language(string code, string subject, string heading, string inProgress, string submitted, string footer)
    {
        var language = In(code);
        DigestLine[] lines =
        [
            new("Bolt", "https://sq.example/s/aaa", DigestFormState.NotOpened),
            new("Castings", "https://sq.example/s/bbb", DigestFormState.InProgress),
            new("Dies", "https://sq.example/s/ccc", DigestFormState.Submitted, New: true),
        ];
        var email = EvaluatorDigestEmail.Render(
            SurveyTexts.In(SurveyTexts.EvaluatorSubject, language), SurveyTexts.In(SurveyTexts.EvaluatorIntro, language), "Eve", SurveyEmail.FormatDeadline(Deadline, Berlin, language),
            lines, reminder: false, 3, "Acme Ltd", Sender with { Colleague = true, RepliesReachBuyer = false }, language);

        Assert.Equal(subject, email.Subject);
        Assert.Contains(heading, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(inProgress, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(submitted, email.TextBody, StringComparison.Ordinal);
        Assert.EndsWith(footer, email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{code}\">", email.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "Noch zu bewerten (1 von 3 Lieferanten)")]
    [InlineData("fr", "Encore à évaluer (1 fournisseurs sur 3)")]
    [InlineData("es", "Pendientes de evaluar (1 de 3 proveedores)")]
    public void A_digest_reminder_heads_what_is_still_to_rate_in_the_language(string code, string heading)
    {
        var language = In(code);
        var email = EvaluatorDigestEmail.Render(
            "Rate {{supplier_name}}", "Hi", "Eve", "soon", [new DigestLine("Bolt", "https://sq.example/s/aaa", DigestFormState.Opened)], reminder: true, 3, "Acme Ltd", null, language);

        Assert.Contains(heading, email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "Ihre Antworten: Spring survey", "Guten Tag Dana,", "hier ist eine Kopie der Antworten, die Sie zu Spring survey abgeschickt haben (Version 2, gesendet am 20. März 2030, 15:05 (UTC+01:00, Europe/Berlin)).", "1. How is delivery?\n   4 von 5", "Sie können Ihre Antworten bis 31. März 2030, 19:00 (UTC+02:00, Europe/Berlin) ändern")]
    [InlineData("fr", "Vos réponses : Spring survey", "Bonjour Dana,", "Voici une copie des réponses que vous avez envoyées pour Spring survey (version 2, envoyée le 20 mars 2030, 15:05 (UTC+01:00, Europe/Berlin)).", "1. How is delivery?\n   4 sur 5", "Vous pouvez modifier vos réponses jusqu’au 31 mars 2030, 19:00 (UTC+02:00, Europe/Berlin)")]
    [InlineData("es", "Sus respuestas: Spring survey", "Estimado/a Dana:", "Le enviamos una copia de las respuestas que envió a Spring survey (versión 2, enviada el 20 de marzo de 2030, 15:05 (UTC+01:00, Europe/Berlin)).", "1. How is delivery?\n   4 de 5", "Puede cambiar sus respuestas hasta el 31 de marzo de 2030, 19:00 (UTC+02:00, Europe/Berlin)")]
    public void A_copy_of_the_answers_is_written_in_the_language_of_the_page_it_was_asked_on(
        string code, string subject, string greeting, string here, string answer, string change)
    {
        var language = In(code);
        var copy = new AnswerCopy(
            "Acme Ltd", "Spring survey", "Bolt", "Dana", 2, new DateTimeOffset(2030, 3, 20, 14, 5, 0, TimeSpan.Zero), Deadline, "https://sq.example/s/abc",
            [new AnswerLine("1", "How is delivery?", code switch { "de" => "4 von 5", "fr" => "4 sur 5", _ => "4 de 5" })], Berlin, language);

        var email = AnswerCopyEmail.Render(copy);

        Assert.Equal(subject, email.Subject);
        Assert.StartsWith($"{greeting}\n\n{here}", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(answer, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(change, email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{code}\">", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_text_has_a_translation_in_every_language_with_the_same_placeholders()
    {
        var english = RespondentTexts.English;
        var keys = new System.Resources.ResourceManager("SupplierQuality.Email.Languages.RespondentTexts", typeof(RespondentTexts).Assembly)
            .GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .Select(e => (string)e.Key)
            .ToList();
        Assert.NotEmpty(keys);
        foreach (var language in Language.All.Skip(1))
        {
            var texts = RespondentTexts.For(language);
            foreach (var key in keys)
            {
                var set = new System.Resources.ResourceManager("SupplierQuality.Email.Languages.RespondentTexts", typeof(RespondentTexts).Assembly)
                    .GetResourceSet(language.Culture, createIfNotExists: true, tryParents: false);
                Assert.True(set?.GetString(key) is { Length: > 0 }, $"{language.Code} lacks {key}");
                Assert.Equal(Placeholders(english[key]), Placeholders(texts[key]));
            }
        }
    }

    private static string[] Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d\}|\{\{[a-z_]+\}\}").Select(m => m.Value).Order(StringComparer.Ordinal)];
}
