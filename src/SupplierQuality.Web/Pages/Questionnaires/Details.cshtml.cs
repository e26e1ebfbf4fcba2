using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

public sealed class DetailsModel(IGrainFactory grains) : QuestionnairePageModel(grains)
{
    public QuestionnaireDetails Questionnaire { get; private set; } = null!;

    /// <summary>The latest version with its questions.</summary>
    public QuestionnaireVersion Latest { get; private set; } = null!;

    /// <summary>The id the copy gets, chosen when the page is shown, so sending the copy form twice makes one copy.</summary>
    public Guid CopyId { get; private set; } = Guid.NewGuid();

    public QuestionnaireDetails? CopiedFrom { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id) ? Page() : NotFound();

    /// <summary>Publishes only with the box ticked: a published version can never be changed again.</summary>
    public async Task<IActionResult> OnPostPublishAsync(Guid id, int revision, bool confirm)
    {
        if (!confirm)
        {
            if (!await LoadAsync(id))
            {
                return NotFound();
            }

            AddFieldError("confirm-publish", "Tick the box to confirm publishing: a published version never changes.");
            return Page();
        }

        var result = await Grains.GetGrain<IQuestionnaireGrain>(id).PublishAsync(new PublishDraft(revision));
        switch (result.Outcome)
        {
            case CommandOutcome.NotFound:
                return NotFound();
            case CommandOutcome.Ok:
                Message = $"Version {result.Value!.PublishedVersion} is published. It will not change any more; edit to start the next version.";
                return RedirectToPage("Details", new { id });
        }

        await LoadAsync(id);
        if (result.Outcome == CommandOutcome.Conflict)
        {
            AddPageError(null, "Someone else changed this questionnaire since you opened it, so nothing was published. Check the latest version below, then publish again.");
        }
        else
        {
            AddPageError(null, "The draft cannot be published yet:");
            AddErrors(result.Errors, id, Latest.Content, _ => null);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostStartDraftAsync(Guid id)
    {
        var result = await Grains.GetGrain<IQuestionnaireGrain>(id).StartDraftAsync();
        return result.Outcome == CommandOutcome.NotFound
            ? NotFound()
            : RedirectToPage("Draft", new { id });
    }

    public async Task<IActionResult> OnPostCopyAsync(Guid id, Guid copyId)
    {
        if (copyId == Guid.Empty)
        {
            copyId = Guid.NewGuid();
        }

        var result = await Grains.GetGrain<IQuestionnaireGrain>(id).CopyAsync(new CopyQuestionnaire(copyId));
        switch (result.Outcome)
        {
            case CommandOutcome.NotFound:
                return NotFound();
            case CommandOutcome.Created:
            case CommandOutcome.Ok:
                Message = "This is a new copy. Its first version is a draft; edit and publish it like any other.";
                return RedirectToPage("Details", new { id = copyId });
        }

        await LoadAsync(id);
        AddPageError(null, result.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? "The questionnaire could not be copied. Reload the page and try again.");
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var grain = Grains.GetGrain<IQuestionnaireGrain>(id);
        if (await grain.GetAsync() is not { } questionnaire || await grain.GetVersionAsync(questionnaire.LatestVersion) is not { } latest)
        {
            return false;
        }

        (Questionnaire, Latest) = (questionnaire, latest);
        if (questionnaire.CopiedFrom is { } source)
        {
            CopiedFrom = await Grains.GetGrain<IQuestionnaireGrain>(source.QuestionnaireId).GetAsync();
        }

        return true;
    }
}
