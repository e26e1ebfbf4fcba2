using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>
/// The campaign's emails as its recipients will get them, rendered from the campaign as saved, and "send a test to me":
/// the same emails to the signed-in manager's own address, marked as a test.
/// </summary>
public sealed class EmailsModel(IGrainFactory grains) : CampaignPageModel(grains)
{
    public CampaignDetails Campaign { get; private set; } = null!;

    public IReadOnlyList<CampaignEmailPreview> Previews { get; private set; } = [];

    /// <summary>Where a test goes: the account's own address, never one typed here.</summary>
    public string TestAddress => User.FindFirstValue(ClaimTypes.Email) ?? string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid click)
    {
        if (click == Guid.Empty)
        {
            // A page from before this form had a click id, or a hand-made post: sending could repeat a test.
            AddPageError(null, "Nothing was sent: the page was out of date. Try again from this page.");
            return await LoadAsync(id) ? Page() : NotFound();
        }

        var result = await Grains.GetGrain<ICampaignEmailsGrain>(id).SendTestAsync(click, TestAddress, User.FindFirstValue(ClaimTypes.Name) ?? TestAddress);
        if (result is null)
        {
            return NotFound();
        }

        if (result.Problem is { } problem)
        {
            AddPageError(null, result.Sent == 0
                ? $"No test was sent: {problem}. Try again in a minute."
                : $"Only {Emails(result.Sent)} of the test went to {TestAddress}: {problem}.");
            return await LoadAsync(id) ? Page() : NotFound();
        }

        Message = $"{Emails(result.Sent)} went to {TestAddress}, marked as a test.";
        return RedirectToPage("Emails", new { id });
    }

    private static string Emails(int count) => count == 1 ? "1 email" : $"{count.ToString(CultureInfo.InvariantCulture)} emails";

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await Grains.GetGrain<ICampaignGrain>(id).GetAsync() is not { } campaign)
        {
            return false;
        }

        Campaign = campaign;
        Previews = await Grains.GetGrain<ICampaignEmailsGrain>(id).PreviewAsync();
        SecurityHeaders.UsePolicy(HttpContext, SecurityHeaders.EmailPreviewPolicy);
        return true;
    }
}
