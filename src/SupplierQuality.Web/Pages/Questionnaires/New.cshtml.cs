using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

/// <summary>The fields a questionnaire's title and introduction are edited in (<c>_HeaderFields</c>).</summary>
public interface IQuestionnaireHeader
{
    string? Title { get; }

    string? Description { get; }
}

/// <summary>The new-questionnaire form as posted.</summary>
public sealed class NewQuestionnaireForm : IQuestionnaireHeader
{
    /// <summary>Chosen when the form is shown, so sending it twice creates one questionnaire, not two.</summary>
    public Guid Id { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public bool StandardDimensions { get; set; } = true;
}

public sealed class NewModel(IGrainFactory grains) : QuestionnairePageModel(grains)
{
    /// <summary>The dimensions most supplier evaluations use, equally weighted; the editor changes them.</summary>
    public static IReadOnlyList<Dimension> StandardDimensions { get; } =
    [
        new("quality", "Quality", 20m),
        new("delivery", "Delivery", 20m),
        new("responsiveness", "Responsiveness", 20m),
        new("cost", "Cost", 20m),
        new("communication", "Communication", 20m),
    ];

    [BindProperty]
    public NewQuestionnaireForm Form { get; set; } = new();

    public void OnGet() => Form.Id = Guid.NewGuid();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Form.Id == Guid.Empty)
        {
            Form.Id = Guid.NewGuid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var content = new QuestionnaireContent
        {
            Title = Form.Title ?? string.Empty,
            Description = Form.Description,
            Dimensions = Form.StandardDimensions ? StandardDimensions : [],
        };
        var result = await Grains.GetGrain<IQuestionnaireGrain>(Form.Id).CreateAsync(new CreateQuestionnaire(content));
        switch (result.Outcome)
        {
            case CommandOutcome.Created:
            case CommandOutcome.Ok:
                Message = "Questionnaire created. Add its questions, then publish it.";
                return RedirectToPage("Draft", new { id = Form.Id });
            case CommandOutcome.Conflict:
                AddPageError(
                    $"/questionnaires/{Form.Id}",
                    "This form already created a questionnaire. Open it here, or reload this page to create another.");
                break;
            default:
                AddErrors(result.Errors, Form.Id, null, key => key switch
                {
                    "title" => $"{nameof(Form)}.{nameof(Form.Title)}",
                    "description" => $"{nameof(Form)}.{nameof(Form.Description)}",
                    _ => null,
                });
                break;
        }

        return Page();
    }
}
