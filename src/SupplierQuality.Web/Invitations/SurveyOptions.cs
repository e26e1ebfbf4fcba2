using System.ComponentModel.DataAnnotations;

namespace SupplierQuality.Web.Invitations;

/// <summary>
/// Requests to the supplier form (<c>/s/</c>) per client IP address in a fixed window. Bound from
/// "Survey:RateLimit". Generous by default: a person filling in a form makes a handful of requests a minute;
/// guessing a 192-bit token would take more requests than could ever be made.
/// </summary>
internal sealed class SurveyRateLimitOptions
{
    public const string SectionName = "Survey:RateLimit";

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 300;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
