using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

public sealed class IndexModel(IGrainFactory grains) : QuestionnairePageModel(grains)
{
    public IReadOnlyList<QuestionnaireDirectoryEntry> Questionnaires { get; private set; } = [];

    public async Task OnGetAsync() => Questionnaires = await Grains.ListQuestionnairesAsync();
}
