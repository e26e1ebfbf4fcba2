using Microsoft.Extensions.Options;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Organisation;

namespace SupplierQuality.Web.Campaigns;

internal static class CampaignsExtensions
{
    /// <summary>
    /// The organisation's name until an admin saves one at <c>/admin/organisation</c>; new campaigns start with the
    /// organisation's name (the form and the API may give another).
    /// </summary>
    public const string BuyerNameKey = "Campaigns:BuyerName";

    /// <summary>
    /// Campaign options, validated at start. The Orleans reminder floor follows the campaign tick, so a short tick
    /// (tests, demos) is allowed rather than refused at launch.
    /// </summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CampaignOptions>()
            .Bind(configuration.GetSection(CampaignOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ReminderOptions>().Configure<IOptions<CampaignOptions>>((reminders, campaigns) =>
        {
            if (campaigns.Value.TickPeriod < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = campaigns.Value.TickPeriod;
            }
        });
        return services;
    }

    /// <summary><see cref="BuyerNameKey"/>, or the placeholder (<see cref="OrganisationInput.Placeholder"/>).</summary>
    public static string DefaultBuyerName(this IConfiguration configuration) =>
        configuration[BuyerNameKey] is { } name && !string.IsNullOrWhiteSpace(name) ? name.Trim() : OrganisationInput.Placeholder;
}
