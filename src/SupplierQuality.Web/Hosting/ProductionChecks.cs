using SupplierQuality.Email;
using SupplierQuality.Grains.Campaigns;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// What a node in Production refuses to start without: mail that really leaves (SendGrid), or the outbox chosen in
/// so many words; and links in emails that suppliers can open safely (https, not this machine).
/// </summary>
internal static class ProductionChecks
{
    public static void Validate(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsProduction())
        {
            return;
        }

        var problems = new List<string>();
        var chosen = configuration[$"{MailOptions.SectionName}:{nameof(MailOptions.Sender)}"];
        if (MailServiceCollectionExtensions.SenderIn(configuration) == MailSenderKind.Outbox
            && !string.Equals(chosen, nameof(MailSenderKind.Outbox), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("No mail is configured: set SendGrid:ApiKey and SendGrid:FromEmail to send survey emails, or set Mail:Sender=Outbox "
                + "to keep them in a local folder on purpose (nothing then reaches suppliers).");
        }

        var baseUrl = configuration[$"{CampaignOptions.Section}:{nameof(CampaignOptions.PublicBaseUrl)}"];
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.IsLoopback
            || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Campaigns:PublicBaseUrl is '{baseUrl ?? "(not set)"}': in Production it must be the https address suppliers "
                + "reach this site at (for example https://survey.example.com), since every survey link starts with it.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The node will not start in Production: " + string.Join(" ", problems));
        }
    }
}
