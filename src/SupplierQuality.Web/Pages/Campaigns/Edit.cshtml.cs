using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>A draft's definition, changed until launch (after launch the grain refuses, and the page says so).</summary>
public sealed class EditModel(IGrainFactory grains, TimeProvider time) : CampaignFormPage(grains, time)
{
    /// <summary>The name as saved, for the way back.</summary>
    public string SavedName { get; private set; } = string.Empty;

    protected override string PickAction => $"/campaigns/{Form.Id}/edit?handler=Pick";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Grains.GetGrain<ICampaignGrain>(id).GetAsync() is not { } campaign)
        {
            return NotFound();
        }

        if (campaign.Status != CampaignStatus.Draft)
        {
            Message = "A launched campaign cannot be edited; extend its deadline or add suppliers instead.";
            return RedirectToPage("Details", new { id });
        }

        Form = CampaignForm.From(id, campaign.Definition, Zone);
        SavedName = campaign.Definition.Name;
        await LoadChoicesAsync();
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id) => SaveAsync(id, AfterSave.Details);

    public Task<IActionResult> OnPostLaunchAsync(Guid id) => SaveAsync(id, AfterSave.ReviewLaunch);

    public Task<IActionResult> OnPostEmailsAsync(Guid id) => SaveAsync(id, AfterSave.PreviewEmails);

    public async Task<IActionResult> OnPostPickAsync(Guid id)
    {
        if (!await LoadNameAsync(id))
        {
            return NotFound();
        }

        return await ShowAgainAsync();
    }

    private enum AfterSave
    {
        Details,
        ReviewLaunch,
        PreviewEmails,
    }

    private async Task<IActionResult> SaveAsync(Guid id, AfterSave next)
    {
        if (!await LoadNameAsync(id))
        {
            return NotFound();
        }

        if (TryRead(out var definition))
        {
            var campaign = Grains.GetGrain<ICampaignGrain>(id);
            var result = await campaign.UpdateAsync(definition);
            switch (result.Outcome)
            {
                case CommandOutcome.Ok:
                    // Saved, not launched: the launch is confirmed on the campaign's page, which says what it sends.
                    switch (next)
                    {
                        case AfterSave.ReviewLaunch:
                            Message = "Draft saved. Check what the launch sends, then confirm it below.";
                            return RedirectToPage("Details", null, new { id }, "launch");
                        case AfterSave.PreviewEmails:
                            Message = "Draft saved. Nothing is sent until you launch it; a test goes only to you.";
                            return RedirectToPage("Emails", new { id });
                        default:
                            Message = "Draft saved. Nothing is sent until you launch it.";
                            return RedirectToPage("Details", new { id });
                    }
                case CommandOutcome.NotFound:
                    return NotFound();
                default:
                    AddResultErrors(result);
                    break;
            }
        }

        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>The saved name, and the form's id from the address (the route, not the posted field, names the campaign).</summary>
    private async Task<bool> LoadNameAsync(Guid id)
    {
        Form.Id = id;
        if (await Grains.GetGrain<ICampaignGrain>(id).GetAsync() is not { } campaign)
        {
            return false;
        }

        SavedName = campaign.Definition.Name;
        return true;
    }
}
