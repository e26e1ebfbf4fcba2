using System.ComponentModel.DataAnnotations;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>How campaigns run; the <c>Campaigns</c> configuration section.</summary>
public sealed class CampaignOptions
{
    public const string Section = "Campaigns";

    /// <summary>
    /// The address suppliers reach this site at, for the links in emails (https in production), e.g.
    /// <c>https://survey.example.com</c>.
    /// </summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>
    /// How often a campaign with work left wakes up on its own: the Orleans reminder period. It bounds how late an
    /// opening, a reminder or the deadline takes effect, and how soon work resumes after a node dies.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Suppliers whose mail goes to the mail service in one call. With three contacts each, the default fills one
    /// SendGrid request (1,000 messages); the sender splits a larger call into several requests.
    /// </summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 300;

    /// <summary>Batches sent at once in one step of a pass; the pass's cursor is written after each step.</summary>
    [Range(1, 16)]
    public int BatchesInFlight { get; set; } = 4;
}
