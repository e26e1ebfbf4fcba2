using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Suppliers;

/// <summary>The managed category list: add, rename (which moves the suppliers along) and remove one no supplier uses.</summary>
public sealed class CategoriesModel(IGrainFactory grains) : FormPageModel(grains)
{
    public IReadOnlyList<string> Categories { get; private set; } = [];

    /// <summary>The name typed in the add form, kept when it is refused.</summary>
    [BindProperty]
    public string? Name { get; set; }

    public async Task OnGetAsync() => Categories = await Grains.GetSupplierCategories().ListAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        var result = await Grains.GetSupplierCategories().AddAsync(Name ?? string.Empty);
        if (result.Succeeded)
        {
            Message = result.Outcome == CommandOutcome.Created ? $"Category {Name!.Trim()} added." : $"{Name!.Trim()} is already on the list.";
            return RedirectToPage();
        }

        AddErrors(result.Errors.Select(e => KeyValuePair.Create(nameof(Name), e.Value)));
        return await ShowAgainAsync();
    }

    public async Task<IActionResult> OnPostRenameAsync(string? from, string? to)
    {
        var result = await Grains.RenameAsync(from ?? string.Empty, to ?? string.Empty);
        if (result.Succeeded)
        {
            Message = $"Category {from} renamed to {to!.Trim()}; its suppliers moved with it.";
            return RedirectToPage();
        }

        AddPageError(null, result.Outcome == CommandOutcome.Invalid
            ? $"{from} was not renamed: " + string.Join(" ", result.Errors.Values.SelectMany(m => m))
            : result.Message ?? $"{from} was not renamed.");
        return await ShowAgainAsync();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? name)
    {
        var result = await Grains.GetSupplierCategories().RemoveAsync(name ?? string.Empty);
        if (result.Succeeded)
        {
            Message = $"Category {name} removed.";
            return RedirectToPage();
        }

        AddPageError(null, result.Message ?? $"{name} was not removed.");
        return await ShowAgainAsync();
    }

    private async Task<IActionResult> ShowAgainAsync()
    {
        Categories = await Grains.GetSupplierCategories().ListAsync();
        return Page();
    }
}
