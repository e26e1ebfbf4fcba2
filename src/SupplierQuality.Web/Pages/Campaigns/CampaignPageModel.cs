using System.Globalization;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>What the campaign pages share besides <see cref="FormPageModel"/>: times and rates as people read them.</summary>
public abstract class CampaignPageModel(IGrainFactory grains) : FormPageModel(grains)
{
    /// <summary>"2026-03-31 17:00 UTC": every time on these pages is UTC, and says so.</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A 0-1 rate as a percentage with at most one decimal: "66.7%".</summary>
    public static string Percent(decimal rate) =>
        Math.Round(rate * 100, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
