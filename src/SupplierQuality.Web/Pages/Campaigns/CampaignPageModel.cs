using System.Globalization;
using SupplierQuality.Email.Templates;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>What the campaign pages share besides <see cref="FormPageModel"/>: rates and times as the reader reads them.</summary>
public abstract class CampaignPageModel(IGrainFactory grains) : FormPageModel(grains)
{
    /// <summary>The reader's time zone: the pages show and take times in it.</summary>
    public Zone Zone => Times.ZoneOf(User);

    /// <summary>A 0-1 rate as a percentage with at most one decimal: "66.7%".</summary>
    public static string Percent(decimal rate) =>
        Math.Round(rate * 100, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
