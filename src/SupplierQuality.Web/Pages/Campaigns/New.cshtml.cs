using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Organisation;

namespace SupplierQuality.Web.Pages.Campaigns;

public sealed class NewModel(IGrainFactory grains, TimeProvider time) : CampaignFormPage(grains, time)
{
    protected override string PickAction => "/campaigns/new?handler=Pick";

    public async Task OnGetAsync()
    {
        // The campaign starts in its manager's time zone; the form lets them choose the suppliers' instead.
        Form = CampaignForm.Blank((await Grains.GetOrganisation().GetAsync()).Profile.Name, Zone);
        await LoadChoicesAsync();
    }

    public Task<IActionResult> OnPostAsync() => SaveAsync(launch: false);

    public Task<IActionResult> OnPostLaunchAsync() => SaveAsync(launch: true);

    public Task<IActionResult> OnPostPickAsync() => ShowAgainAsync();

    private async Task<IActionResult> SaveAsync(bool launch)
    {
        if (Form.Id == Guid.Empty)
        {
            Form.Id = Guid.NewGuid();
        }

        if (TryRead(out var definition))
        {
            var campaign = Grains.GetGrain<ICampaignGrain>(Form.Id);
            var result = await campaign.CreateAsync(definition);
            switch (result.Outcome)
            {
                case CommandOutcome.Created:
                case CommandOutcome.Ok:
                    // Saved, not launched: the launch is confirmed on the campaign's page, which says what it sends.
                    Message = launch ? "Draft saved. Check what the launch sends, then confirm it below." : "Draft saved. Nothing is sent until you launch it.";
                    return RedirectToPage("Details", null, new { id = Form.Id }, launch ? "launch" : null);
                case CommandOutcome.Conflict:
                    AddPageError(
                        $"/campaigns/{Form.Id}",
                        "This form already created a campaign. Open it here, or reload this page to create another.");
                    break;
                default:
                    AddResultErrors(result);
                    break;
            }
        }

        await LoadChoicesAsync();
        return Page();
    }
}
