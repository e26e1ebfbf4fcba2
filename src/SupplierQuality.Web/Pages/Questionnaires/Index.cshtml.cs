using Microsoft.AspNetCore.Authorization;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages.Questionnaires;

[Authorize(Policy = Policies.ManageSuppliers)]
public sealed class IndexModel(IGrainFactory grains) : QuestionnairePageModel(grains)
{
    public IReadOnlyList<QuestionnaireDirectoryEntry> Questionnaires { get; private set; } = [];

    public async Task OnGetAsync() => Questionnaires = await Grains.ListQuestionnairesAsync();
}
