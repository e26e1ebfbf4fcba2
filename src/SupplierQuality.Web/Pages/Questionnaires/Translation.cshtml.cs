using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Email.Languages;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

/// <summary>
/// A version's translation into one respondent language: each text as written, beside a box for its translation; an
/// empty box leaves the text as written on the form. Open for drafts and published versions alike: a translation
/// changes words only, never ids, points or scores, so fixing one on a version a campaign runs on changes nothing that
/// was answered or scored (see <see cref="QuestionnaireTranslation"/>).
/// </summary>
public sealed class TranslationModel(IGrainFactory grains) : QuestionnairePageModel(grains)
{
    private const string Prefix = "texts[";

    public QuestionnaireDetails Questionnaire { get; private set; } = null!;

    public QuestionnaireVersion Version { get; private set; } = null!;

    public Language Language { get; private set; } = Language.English;

    /// <summary>The texts to translate, in the form's order.</summary>
    public IReadOnlyList<TranslatableText> Texts { get; private set; } = [];

    /// <summary>The translations shown in the boxes: stored, or as posted when refused.</summary>
    public IReadOnlyDictionary<string, string> Translations { get; private set; } = new Dictionary<string, string>();

    public static string FieldName(string key) => $"{Prefix}{key}]";

    public async Task<IActionResult> OnGetAsync(Guid id, int number, string language)
    {
        if (await LoadAsync(id, number, language) is { } notFound)
        {
            return notFound;
        }

        Translations = await Grains.GetGrain<IQuestionnaireGrain>(id).GetTranslationAsync(number, Language.Code);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int number, string language)
    {
        if (await LoadAsync(id, number, language) is { } notFound)
        {
            return notFound;
        }

        var posted = Request.Form
            .Where(f => f.Key.StartsWith(Prefix, StringComparison.Ordinal) && f.Key.EndsWith(']'))
            .ToDictionary(f => f.Key[Prefix.Length..^1], f => f.Value.ToString(), StringComparer.Ordinal);
        var result = await Grains.GetGrain<IQuestionnaireGrain>(id).TranslateAsync(new TranslateVersion(number, Language.Code, posted));
        if (result.Outcome == CommandOutcome.Ok)
        {
            Message = $"The {Language.NativeName} translation of version {number} is saved.";
            return Redirect($"/questionnaires/{id}/versions/{number}/translations/{Language.Code}");
        }

        if (result.Outcome == CommandOutcome.NotFound)
        {
            return NotFound();
        }

        foreach (var (key, messages) in result.Errors)
        {
            var what = Texts.FirstOrDefault(t => t.Key == key)?.What;
            foreach (var message in messages)
            {
                if (what is null)
                {
                    AddPageError(null, message);
                }
                else
                {
                    AddFieldError(FieldName(key), $"{what}: {message}");
                }
            }
        }

        Translations = posted;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, int number, string language)
    {
        var grain = Grains.GetGrain<IQuestionnaireGrain>(id);
        if (!Language.TryFind(language, out var found) || found == Language.English
            || await grain.GetAsync() is not { } questionnaire || await grain.GetVersionAsync(number) is not { } version)
        {
            return NotFound();
        }

        (Questionnaire, Version, Language, Texts) = (questionnaire, version, found, QuestionnaireTranslation.Texts(version));
        return null;
    }
}
