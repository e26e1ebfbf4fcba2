using Microsoft.Extensions.Options;
using SupplierQuality.Grains.Campaigns;

namespace SupplierQuality.Web.Campaigns;

internal static class CampaignsExtensions
{
    /// <summary>The buying company's name that new campaigns start with (the form and the API may give another).</summary>
    public const string BuyerNameKey = "Campaigns:BuyerName";

    public const string FallbackBuyerName = "Our company";

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

    /// <summary>
    /// <see cref="BuyerNameKey"/>, or <see cref="FallbackBuyerName"/>. Read from the configuration, not bound into
    /// <see cref="CampaignOptions"/>: it is only a default for the web forms, which the grains never need.
    /// </summary>
    public static string DefaultBuyerName(this IConfiguration configuration) =>
        configuration[BuyerNameKey] is { } name && !string.IsNullOrWhiteSpace(name) ? name.Trim() : FallbackBuyerName;
}
