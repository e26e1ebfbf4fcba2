using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Email.SendGrid;

namespace SupplierQuality.Email;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IMailSender"/> (SendGrid or the development outbox, per <see cref="MailOptions.Sender"/>), the
    /// <see cref="OutboxReader"/>, and the <see cref="SendGridEventWebhook"/>; options bound from "Mail" and "SendGrid"
    /// and, for the sender in use, validated at start.
    /// </summary>
    /// <param name="services">The node's services.</param>
    /// <param name="configuration">The node's configuration.</param>
    /// <param name="contentRootPath">What a relative <see cref="MailOptions.OutboxPath"/> is relative to.</param>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.SectionName))
            .PostConfigure(o => o.OutboxPath = Path.GetFullPath(Path.Combine(contentRootPath, o.OutboxPath)))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var sendGrid = services.AddOptions<SendGridOptions>().Bind(configuration.GetSection(SendGridOptions.SectionName));

        if (SenderIn(configuration) == MailSenderKind.SendGrid)
        {
            sendGrid.ValidateDataAnnotations().ValidateOnStart();
            services.AddSingleton<IMailSender, SendGridMailSender>();
        }
        else
        {
            services.AddSingleton<IMailSender, OutboxMailSender>();
        }

        services.AddSingleton<OutboxReader>();
        services.AddSingleton(sp => new SendGridEventWebhook(sp.GetRequiredService<IOptions<SendGridOptions>>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>The sender <see cref="AddMail"/> registers for this configuration.</summary>
    public static MailSenderKind SenderIn(IConfiguration configuration)
    {
        var chosen = configuration.GetSection(MailOptions.SectionName).GetValue<MailSenderKind?>(nameof(MailOptions.Sender));
        return chosen ?? (string.IsNullOrWhiteSpace(configuration[$"{SendGridOptions.SectionName}:{nameof(SendGridOptions.ApiKey)}"])
            ? MailSenderKind.Outbox
            : MailSenderKind.SendGrid);
    }
}
