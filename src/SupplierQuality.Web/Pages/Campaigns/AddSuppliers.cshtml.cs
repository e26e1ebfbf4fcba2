using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Web.Campaigns;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>Adds active suppliers to a scheduled or open campaign, chosen with the same picker as a new campaign's.</summary>
public sealed class AddSuppliersModel(IGrainFactory grains) : CampaignPageModel(grains)
{
    public const string Field = nameof(Suppliers);

    public CampaignDetails Campaign { get; private set; } = null!;

    [BindProperty]
    public List<Guid> Suppliers { get; set; } = [];

    [BindProperty]
    public string? PickFilter { get; set; }

    [BindProperty]
    public int PickPage { get; set; } = 1;

    [BindProperty]
    public int? PickTo { get; set; }

    public SupplierPicker Picker { get; private set; } = null!;

    public bool Running => Campaign.Status is CampaignStatus.Scheduled or CampaignStatus.Open;

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPickAsync(Guid id)
    {
        ModelState.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (Suppliers.Count == 0)
        {
            return await LoadAsync(id) ? FieldError("Choose at least one supplier to add.") : NotFound();
        }

        var result = await Grains.GetGrain<ICampaignGrain>(id).AddSuppliersAsync(Suppliers);
        switch (result.Outcome)
        {
            case CommandOutcome.Ok:
            case CommandOutcome.Created:
                Message = $"{Suppliers.Distinct().Count()} {(Suppliers.Distinct().Count() == 1 ? "supplier" : "suppliers")} added: they are invited like the rest.";
                return RedirectToPage("Details", new { id });
            case CommandOutcome.NotFound:
                return NotFound();
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (result.Outcome == CommandOutcome.Conflict)
        {
            AddPageError(null, $"No supplier was added: {result.Message}");
            return Page();
        }

        return FieldError(string.Join(" ", result.Errors.Values.SelectMany(m => m)));
    }

    private PageResult FieldError(string message)
    {
        AddFieldError(Field, message);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await Grains.GetGrain<ICampaignGrain>(id).GetAsync() is not { } campaign)
        {
            return false;
        }

        Campaign = campaign;
        var already = await CampaignSuppliers.TargetedAsync(Grains, campaign);
        Picker = await SupplierPicker.LoadAsync(
            Grains, Field, $"/campaigns/{id}/add-suppliers?handler=Pick", PickFilter, PickTo ?? PickPage, Suppliers.Where(s => !already.Contains(s)), already);
        return true;
    }
}
