using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using SupplierQuality.Email.Languages;
using SupplierQuality.Email.Templates;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Pages;

/// <summary>
/// Whose zone a page shows times in: the signed-in reader's (<see cref="Zone"/> writes them, "31 March 2099, 19:00
/// (UTC+02:00, Europe/Berlin)", the same words as the survey mail's deadline), UTC until they choose one. Survey pages
/// use the campaign's zone instead. In markup use <c>&lt;time at="@x" /&gt;</c> (<see cref="TimeTagHelper"/>), which
/// adds the machine-readable time, always in UTC.
/// </summary>
internal static class Times
{
    /// <summary>The zone the signed-in account chose, from its sign-in cookie; UTC until it chooses, and for anyone else.</summary>
    public static Zone ZoneOf(ClaimsPrincipal user) => Zone.OrUtc(user.TimeZoneChoice());

    /// <summary>"2099-03-31T17:00:00Z": the value of a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The markup <see cref="TimeTagHelper"/> writes, as a string to put into a translated sentence
    /// (<see cref="RespondentTexts.FormatHtml"/>): <c>&lt;time datetime="…"&gt;31. März 2099, 19:00 (UTC+02:00, Europe/Berlin)&lt;/time&gt;</c>.
    /// </summary>
    public static string Html(DateTimeOffset at, Zone zone, Language language) =>
        $"<time datetime=\"{Iso(at)}\">{HtmlEncoder.Default.Encode(zone.Show(at, language))}</time>";
}
