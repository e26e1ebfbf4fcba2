using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

/// <summary>
/// Adds a question of a chosen kind to the draft (no <c>questionId</c>; <c>?kind=</c> names the kind) or edits one.
/// A question keeps its kind: to change it, remove the question and add another.
/// </summary>
public sealed class QuestionModel(IGrainFactory grains) : QuestionnairePageModel(grains)
{
    private const string FormPrefix = nameof(Form);

    public QuestionnaireDetails Questionnaire { get; private set; } = null!;

    public QuestionnaireVersion Draft { get; private set; } = null!;

    public QuestionKind Kind { get; private set; }

    /// <summary>The question's position, counting from 1.</summary>
    public int Number { get; private set; }

    public bool IsNew { get; private set; }

    /// <summary>The revision the form sends back.</summary>
    public int Revision { get; private set; }

    [BindProperty]
    public QuestionForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, string? questionId, string? kind)
    {
        if (await LoadAsync(id, questionId, kind) is { } cannotShow)
        {
            return cannotShow;
        }

        Form = IsNew ? QuestionForm.For(Kind) : QuestionForm.From(Draft.Questions[Number - 1]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? questionId, string? kind, int revision)
    {
        if (await LoadAsync(id, questionId, kind) is { } cannotShow)
        {
            return cannotShow;
        }

        Revision = revision;
        Form.WithOptionRows(Kind);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var index = Number - 1;
        var (question, optionRows) = Form.ToQuestion(questionId ?? string.Empty, Kind);
        var questions = Draft.Questions.ToList();
        if (IsNew)
        {
            questions.Add(question);
        }
        else
        {
            questions[index] = question;
        }

        var content = Draft.Content with { Questions = questions };
        var result = await Grains.GetGrain<IQuestionnaireGrain>(id).UpdateDraftAsync(new UpdateDraft(revision, content));
        switch (result.Outcome)
        {
            case CommandOutcome.Ok:
                Message = IsNew ? $"Question {Number} added." : $"Question {Number} saved.";
                return RedirectToPage("Draft", null, new { id }, IsNew ? "questions" : $"question-{questionId}");
            case CommandOutcome.NotFound:
                return NotFound();
            case CommandOutcome.Conflict:
                // The draft loaded above is what is saved now; saving again applies the typed question to it.
                Revision = Questionnaire.Revision;
                AddPageError(
                    $"/questionnaires/{id}/draft",
                    "Someone else changed this draft while you were editing, so this question was not saved. Your text is still below: check the draft, then save again.");
                break;
            default:
                AddErrors(result.Errors, id, content, key =>
                    QuestionnaireErrors.TryIndexed(key, "questions", out var i, out var rest) && i == index
                        ? QuestionForm.FieldFor(rest, FormPrefix, optionRows)
                        : null);
                break;
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, string? questionId, string? kind)
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
        if (questionId is null)
        {
            if (!QuestionnaireInput.TryParseKind(kind, out var parsed))
            {
                Message = "Choose the kind of question to add.";
                return RedirectToPage("Draft", null, new { id }, "questions");
            }

            (Kind, Number, IsNew) = (parsed, draft.Questions.Count + 1, true);
            return null;
        }

        var index = draft.Questions.ToList().FindIndex(q => q.Id == questionId);
        if (index < 0)
        {
            Message = "That question is no longer in the draft.";
            return RedirectToPage("Draft", null, new { id }, "questions");
        }

        (Kind, Number) = (draft.Questions[index].Kind, index + 1);
        return null;
    }
}
