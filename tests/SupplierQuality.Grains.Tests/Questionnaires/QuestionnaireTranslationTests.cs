using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;
using static SupplierQuality.Grains.Tests.Questionnaires.QuestionnaireSamples;

namespace SupplierQuality.Grains.Tests.Questionnaires;

public sealed class QuestionnaireTranslationTests(ClusterFixture fixture)
{
    private async Task<(IQuestionnaireGrain Grain, QuestionnaireVersion Version)> PublishedAsync()
    {
        var questionnaire = fixture.Grains.GetGrain<IQuestionnaireGrain>(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await questionnaire.CreateAsync(new CreateQuestionnaire(Content()))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome);
        return (questionnaire, (await questionnaire.GetVersionAsync(1))!);
    }

    [Fact]
    public async Task A_published_version_takes_a_translation_of_its_words_and_keeps_its_ids_and_scores()
    {
        var (questionnaire, version) = await PublishedAsync();
        var question = version.Questions[0];

        var result = await questionnaire.TranslateAsync(new TranslateVersion(
            1, "DE", new Dictionary<string, string> { ["title"] = " Lieferantenumfrage ", [$"question:{question.Id}"] = "Frage eins", ["description"] = "  " }));

        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        var stored = await questionnaire.GetTranslationAsync(1, "de");
        Assert.Equal(2, stored.Count);
        var translated = QuestionnaireTranslation.Apply(version, stored);
        Assert.Equal(("Lieferantenumfrage", "Frage eins"), (translated.Title, translated.Questions[0].Text));
        Assert.Equal(version.Questions.Select(q => (q.Id, q.Kind, q.Points)), translated.Questions.Select(q => (q.Id, q.Kind, q.Points)));
        Assert.Equal(version, await questionnaire.GetVersionAsync(1));
        Assert.Empty(await questionnaire.GetTranslationAsync(1, "fr"));
    }

    [Fact]
    public async Task A_text_the_version_lacks_english_and_a_language_not_offered_are_refused_and_nothing_is_stored()
    {
        var (questionnaire, _) = await PublishedAsync();

        var unknown = await questionnaire.TranslateAsync(new TranslateVersion(1, "fr", new Dictionary<string, string> { ["question:nope"] = "Non" }));
        var english = await questionnaire.TranslateAsync(new TranslateVersion(1, "en", new Dictionary<string, string> { ["title"] = "Title" }));
        var italian = await questionnaire.TranslateAsync(new TranslateVersion(1, "it", new Dictionary<string, string> { ["title"] = "Titolo" }));
        var missing = await questionnaire.TranslateAsync(new TranslateVersion(9, "fr", new Dictionary<string, string> { ["title"] = "Titre" }));

        Assert.Equal(CommandOutcome.Invalid, unknown.Outcome);
        Assert.Contains("question:nope", unknown.Errors.Keys);
        Assert.Contains("language", english.Errors.Keys);
        Assert.Contains("language", italian.Errors.Keys);
        Assert.Equal(CommandOutcome.NotFound, missing.Outcome);
        Assert.Empty(await questionnaire.GetTranslationAsync(1, "fr"));
    }

    [Fact]
    public async Task A_new_draft_starts_with_the_translations_of_the_version_it_copies()
    {
        var (questionnaire, _) = await PublishedAsync();
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.TranslateAsync(new TranslateVersion(1, "es", new Dictionary<string, string> { ["title"] = "Encuesta" }))).Outcome);

        Assert.Equal(CommandOutcome.Ok, (await questionnaire.StartDraftAsync()).Outcome);

        Assert.Equal("Encuesta", (await questionnaire.GetTranslationAsync(2, "es"))["title"]);
    }
}
