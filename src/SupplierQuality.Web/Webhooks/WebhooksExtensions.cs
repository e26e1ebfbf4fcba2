using Microsoft.Extensions.Options;
using SupplierQuality.Grains.Webhooks;

namespace SupplierQuality.Web.Webhooks;

internal static class WebhooksExtensions
{
    /// <summary>
    /// Webhook options (validated at start) and the sender's HttpClient: no redirects followed, no cookies, never a
    /// link-local address (<see cref="WebhookConnections"/>), a timeout per post. The Orleans reminder floor follows the endpoints' tick, as it follows the campaigns'.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.MaxRetryDelay >= o.FirstRetryDelay, "Webhooks:MaxRetryDelay must not be shorter than Webhooks:FirstRetryDelay.")
            .ValidateOnStart();
        services.AddHttpClient(HttpWebhookSender.ClientName, (provider, client) =>
            {
                // A backstop: each post has its own, shorter cancellation.
                client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout + TimeSpan.FromSeconds(5);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("SupplierQuality-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = WebhookConnections.ConnectAsync,
            });
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        services.AddOptions<ReminderOptions>().Configure<IOptions<WebhookOptions>>((reminders, webhooks) =>
        {
            if (webhooks.Value.TickPeriod < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = webhooks.Value.TickPeriod;
            }
        });
        return services;
    }
}
