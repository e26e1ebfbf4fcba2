using System.Globalization;

namespace SupplierQuality.Web.Pages;

/// <summary>
/// How people read a moment, on every page and in the review PDF: "31 March 2099, 17:00 UTC", the zone named because
/// every time here is UTC, and the same words as the survey mail's deadline. In markup use <c>&lt;time at="@x" /&gt;</c>
/// (<see cref="TimeTagHelper"/>), which adds the machine-readable time.
/// </summary>
internal static class Times
{
    /// <summary>"31 March 2099, 17:00 UTC".</summary>
    public static string Show(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"31 March 2099": the UTC day, where the hour does not matter (a version's publication in a list).</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"2099-03-31T17:00:00Z": the value of a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
