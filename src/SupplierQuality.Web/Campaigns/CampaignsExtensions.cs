using Microsoft.Extensions.Options;
using SupplierQuality.Grains.Campaigns;

namespace SupplierQuality.Web.Campaigns;

internal static class CampaignsExtensions
{
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
}
