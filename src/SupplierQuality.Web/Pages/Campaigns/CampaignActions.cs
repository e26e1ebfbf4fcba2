using SupplierQuality.Grains.Campaigns;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>The campaign commands the pages run from more than one place, and what they tell the manager.</summary>
internal static class CampaignActions
{
    /// <summary>Launches the campaign and says what happens now, or why it did not launch (the draft stays as saved).</summary>
    public static async Task<string> LaunchMessageAsync(ICampaignGrain campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var result = await campaign.LaunchAsync();
        if (!result.Succeeded)
        {
            var reasons = result.Message is { } message ? [message] : result.Errors.Values.SelectMany(m => m).ToList();
            return "The draft is saved but was not launched: " + string.Join(" ", reasons);
        }

        return await LaunchedMessageAsync(campaign);
    }

    /// <summary>What a launched campaign does next: send now, or at its opening time.</summary>
    public static async Task<string> LaunchedMessageAsync(ICampaignGrain campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return await campaign.GetAsync() is { Status: CampaignStatus.Scheduled, Definition.OpensAt: { } opens }
            ? $"Launched: the invitations go out at {Times.Show(opens)}."
            : "Launched: the invitations are going out now.";
    }
}
