using System.Globalization;
using System.Text.RegularExpressions;

namespace SupplierQuality.Grains.Metrics;

/// <summary>
/// The calendar quarter (UTC) an objective metric was measured over, written <c>2026-Q4</c>. Quarters, not free date
/// ranges, because rankings are already cut by quarter: a campaign belongs to the quarter of its deadline, so a
/// campaign's ranking, its quarter's and its year's all blend the metrics of the same quarters.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Metrics.MetricQuarter")]
public sealed partial record MetricQuarter(
    [property: Id(0)] int Year,
    [property: Id(1)] int Quarter)
{
    public const int FirstYear = 2000;
    public const int LastYear = 9999;

    public static MetricQuarter Of(DateTimeOffset at) => new(at.UtcDateTime.Year, ((at.UtcDateTime.Month - 1) / 3) + 1);

    /// <summary>The four quarters of a year.</summary>
    public static IEnumerable<MetricQuarter> OfYear(int year) => Enumerable.Range(1, 4).Select(q => new MetricQuarter(year, q));

    /// <summary>Whether the quarter is one people can write (years 2000 to 9999, quarters 1 to 4).</summary>
    [Newtonsoft.Json.JsonIgnore]
    public bool IsValid => Year is >= FirstYear and <= LastYear && Quarter is >= 1 and <= 4;

    /// <summary>The first moment of the quarter, UTC.</summary>
    [Newtonsoft.Json.JsonIgnore]
    public DateTimeOffset Start => new(Year, ((Quarter - 1) * 3) + 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Quarter}");

    /// <summary>"2026-Q4", also "2026 Q4", "2026Q4" or "Q4 2026", any case.</summary>
    public static bool TryParse(string? text, out MetricQuarter quarter)
    {
        quarter = null!;
        var match = Pattern().Match(text ?? string.Empty);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Success ? match.Groups["year"].ValueSpan : match.Groups["year2"].ValueSpan, CultureInfo.InvariantCulture);
        var q = (match.Groups["q"].Success ? match.Groups["q"].ValueSpan : match.Groups["q2"].ValueSpan)[0] - '0';
        quarter = new MetricQuarter(year, q);
        return quarter.IsValid;
    }

    /// <summary>Quarters counted from year 0, for ordering: later quarters are larger.</summary>
    [Newtonsoft.Json.JsonIgnore]
    public int Ordinal => (Year * 4) + Quarter - 1;

    [GeneratedRegex(@"^\s*(?:(?<year>\d{4})\s*[-\s]?\s*[Qq](?<q>[1-4])|[Qq](?<q2>[1-4])\s*[-\s]?\s*(?<year2>\d{4}))\s*$")]
    private static partial Regex Pattern();
}
