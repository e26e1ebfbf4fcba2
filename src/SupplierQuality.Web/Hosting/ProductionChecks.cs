using SupplierQuality.Email;
using SupplierQuality.Grains.Campaigns;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// What a node in Production refuses to start without: mail that really leaves (SendGrid), or the outbox chosen in
/// so many words; links in emails that suppliers can open safely (https, not this machine); and a list of the host
/// names it serves, which includes those links' host and is not "any".
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

        var allowed = PublicAddress.AllowedHosts(configuration, production: true);
        var configuredHosts = configuration[PublicAddress.AllowedHostsKey];
        if (!string.IsNullOrWhiteSpace(configuredHosts) && allowed.Count == 0)
        {
            problems.Add($"AllowedHosts is '{configuredHosts}', which answers any Host header, and redirects would then send people to "
                + "whatever host a request named: list the host names this site is reached at, separated by ';', or leave AllowedHosts "
                + "unset to serve the host of Campaigns:PublicBaseUrl alone.");
        }
        else if (uri is not null && !PublicAddress.Allows(allowed, uri.Host))
        {
            problems.Add($"AllowedHosts is '{configuredHosts}', without {uri.Host}, the host of Campaigns:PublicBaseUrl: every survey "
                + "link would be refused. Add it, or leave AllowedHosts unset.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The node will not start in Production: " + string.Join(" ", problems));
        }
    }
}
