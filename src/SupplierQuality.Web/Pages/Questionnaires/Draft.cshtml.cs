using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

/// <summary>
/// The draft editor, one small form per step (title, dimensions, moving or removing a question), each a
/// POST-redirect-GET that works without script. Every step sends the revision the page showed, so a step never
/// overwrites a change someone else made meanwhile.
/// </summary>
public sealed class DraftModel(IGrainFactory grains) : QuestionnairePageModel(grains)
{
    private const string ChangedMeanwhile =
        "Someone else changed this draft while you had it open, so your change was not saved. The page now shows their version; make your change again.";

    private enum Step
    {
        None,
        Header,
        Dimensions,
    }

    public QuestionnaireDetails Questionnaire { get; private set; } = null!;

    public QuestionnaireVersion Draft { get; private set; } = null!;

    /// <summary>The revision every form on the page sends back.</summary>
    public int Revision { get; private set; }

    [BindProperty]
    public HeaderForm Header { get; set; } = new();

    [BindProperty]
    public List<DimensionRow> Dimensions { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id) ?? Show(Step.None);

    public async Task<IActionResult> OnPostHeaderAsync(Guid id, int revision) =>
        await SaveAsync(
            id,
            revision,
            Step.Header,
            content => content with { Title = Header.Title ?? string.Empty, Description = Header.Description },
            "Title and introduction saved.",
            "header",
            key => key switch
            {
                "title" => $"{nameof(Header)}.{nameof(HeaderForm.Title)}",
                "description" => $"{nameof(Header)}.{nameof(HeaderForm.Description)}",
                _ => null,
            });

    public async Task<IActionResult> OnPostDimensionsAsync(Guid id, int revision)
    {
        var (dimensions, rows) = DimensionRow.Read(Dimensions);
        return await SaveAsync(
            id,
            revision,
            Step.Dimensions,
            content => content with { Dimensions = dimensions },
            "Dimensions saved.",
            "dimensions",
            key =>
            {
                if (key == "dimensions")
                {
                    return nameof(Dimensions);
                }

                if (!QuestionnaireErrors.TryIndexed(key, "dimensions", out var index, out var field))
                {
                    return null;
                }

                var row = index < rows.Count ? rows[index] : index;
                return string.Create(CultureInfo.InvariantCulture, $"{nameof(Dimensions)}[{row}].{(field == "weight" ? nameof(DimensionRow.Weight) : nameof(DimensionRow.Name))}");
            });
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, int revision, string? questionId, string? direction) =>
        await SaveAsync(
            id,
            revision,
            Step.None,
            content =>
            {
                var questions = content.Questions.ToList();
                var from = questions.FindIndex(q => q.Id == questionId);
                var to = from + (direction == "up" ? -1 : 1);
                if (from < 0 || to < 0 || to >= questions.Count)
                {
                    return content;
                }

                (questions[from], questions[to]) = (questions[to], questions[from]);
                return content with { Questions = questions };
            },
            "Question moved.",
            $"question-{questionId}",
            _ => null);

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, int revision, string? questionId) =>
        await SaveAsync(
            id,
            revision,
            Step.None,
            content => content with { Questions = [.. content.Questions.Where(q => q.Id != questionId)] },
            "Question removed.",
            "questions",
            _ => null);

    /// <summary>Loads the questionnaire and its draft; a result when the page cannot show (not found, or no draft).</summary>
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var grain = Grains.GetGrain<IQuestionnaireGrain>(id);
        if (await grain.GetAsync() is not { } questionnaire)
        {
            return NotFound();
        }

        if (questionnaire.DraftVersion is not { } number || await grain.GetVersionAsync(number) is not { } draft)
        {
            Message = "Every version of this questionnaire is published. Start a new draft to edit it.";
            return RedirectToPage("Details", new { id });
        }

        (Questionnaire, Draft, Revision) = (questionnaire, draft, questionnaire.Revision);
        return null;
    }

    private async Task<IActionResult> SaveAsync(
        Guid id,
        int revision,
        Step step,
        Func<QuestionnaireContent, QuestionnaireContent> change,
        string saved,
        string fragment,
        Func<string, string?> field)
    {
        if (await LoadAsync(id) is { } cannotShow)
        {
            return cannotShow;
        }

        if (!ModelState.IsValid)
        {
            return Show(step);
        }

        var content = change(Draft.Content);
        var result = await Grains.GetGrain<IQuestionnaireGrain>(id).UpdateDraftAsync(new UpdateDraft(revision, content));
        switch (result.Outcome)
        {
            case CommandOutcome.Ok:
                Message = saved;
                return RedirectToPage("Draft", null, new { id }, fragment);
            case CommandOutcome.NotFound:
                return NotFound();
            case CommandOutcome.Conflict:
                // The page already shows what is saved now (loaded above); the typed values stay in their form.
                AddPageError(null, ChangedMeanwhile);
                break;
            default:
                // Keep the revision the form was filled at: saving the corrected form must still detect others' changes.
                Revision = revision;
                AddErrors(result.Errors, id, content, field);
                break;
        }

        return Show(step);
    }

    /// <summary>The page, with the posted form's values kept and every other form filled from the draft.</summary>
    private PageResult Show(Step posted)
    {
        if (posted != Step.Header)
        {
            Header = new HeaderForm { Title = Draft.Title, Description = Draft.Description };
        }

        Dimensions = posted == Step.Dimensions ? DimensionRow.Pad(Dimensions) : DimensionRow.From(Draft.Dimensions);
        return Page();
    }
}
