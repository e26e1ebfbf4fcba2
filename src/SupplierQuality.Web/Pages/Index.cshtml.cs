using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Web.Pages.Campaigns;

namespace SupplierQuality.Web.Pages;

/// <summary>
/// The home page by role. What an executive comes for is the ranking, so they go straight there (a redirect, not the
/// ranking shown here: one page with one address, its filters and Back button). A quality manager, and an admin, who
/// may do what a quality manager does, sees the running campaigns with their response rates and what needs attention;
/// an admin also gets the administration pages.
/// </summary>
public sealed class HomeModel(IGrainFactory grains, TimeProvider time) : PageModel
{
    /// <summary>
    /// How many running campaigns the page reads, one grain call each, so it stays quick however many there are. The
    /// nearest deadlines come first: those are the ones whose non-responders need a reminder now.
    /// </summary>
    public const int MaxCampaigns = 20;

    /// <summary>Open or scheduled campaigns, nearest deadline first, at most <see cref="MaxCampaigns"/>.</summary>
    public IReadOnlyList<CampaignDetails> Campaigns { get; private set; } = [];

    /// <summary>Open or scheduled campaigns in all, shown or not.</summary>
    public int RunningCount { get; private set; }

    public int DraftCount { get; private set; }

    public bool ManagesSurveys => User.IsInRole(Roles.QualityManager) || User.IsInRole(Roles.Admin);

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    private DateTimeOffset Now { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.IsInRole(Roles.Executive))
        {
            return LocalRedirect("/rankings");
        }

        if (ManagesSurveys)
        {
            var all = await grains.GetGrain<ICampaignDirectoryGrain>(0).ListAsync();
            var running = all.Where(c => c.Status is CampaignStatus.Open or CampaignStatus.Scheduled).OrderBy(c => c.Deadline).ToList();
            RunningCount = running.Count;
            DraftCount = all.Count(c => c.Status == CampaignStatus.Draft);
            var details = await Task.WhenAll(running.Take(MaxCampaigns).Select(c => grains.GetGrain<ICampaignGrain>(c.Id).GetAsync()));

            // The list's line may lag a campaign that closed a moment ago: its own state decides.
            Campaigns = [.. details.OfType<CampaignDetails>().Where(c => c.Status is CampaignStatus.Open or CampaignStatus.Scheduled)];
            Now = time.GetUtcNow();
        }

        return Page();
    }

    public IReadOnlyList<CampaignAttention> AttentionOf(CampaignDetails campaign) => CampaignAttention.Of(campaign, Now);
}
