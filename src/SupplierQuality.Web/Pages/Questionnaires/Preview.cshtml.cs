using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

/// <summary>A version as suppliers will see it, through the same partial as their form; nothing can be sent from it.</summary>
public sealed class PreviewModel(IGrainFactory grains) : QuestionnairePageModel(grains)
{
    public QuestionnaireDetails Questionnaire { get; private set; } = null!;

    public QuestionnaireFormModel Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, int number)
    {
        var grain = Grains.GetGrain<IQuestionnaireGrain>(id);
        if (await grain.GetAsync() is not { } questionnaire || await grain.GetVersionAsync(number) is not { } version)
        {
            return NotFound();
        }

        Questionnaire = questionnaire;
        Form = new QuestionnaireFormModel { Version = version };
        return Page();
    }
}
