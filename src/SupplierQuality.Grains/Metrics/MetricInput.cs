using System.Globalization;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Metrics;

/// <summary>
/// The rules for an objective metric, one set for the CSV import, the API and the scorecard grain. Two metrics are
/// known by name (on-time delivery % and defect PPM, with their direction and range); any other needs its direction.
/// </summary>
public static partial class MetricInput
{
    public const int MaxNameLength = 80;

    /// <summary>
    /// The most metrics a supplier may have in one quarter. The scorecard keeps every quarter's metrics, so this
    /// bounds its state by quarters, as campaigns bound its survey lines.
    /// </summary>
    public const int MaxPerQuarter = 20;

    public const string OnTimeDelivery = "On-time delivery %";

    public const string DefectPpm = "Defect PPM";

    private static readonly KnownMetric[] Known =
    [
        new(OnTimeDelivery, MetricDirection.HigherIsBetter, 0, 100, "a percentage from 0 to 100"),
        new(DefectPpm, MetricDirection.LowerIsBetter, 0, 1_000_000, "a number of defective parts per million, from 0 to 1,000,000"),
    ];

    /// <summary>The metrics known by name, with their direction, for help texts.</summary>
    public static IReadOnlyList<(string Name, MetricDirection Direction)> KnownMetrics { get; } = [.. Known.Select(k => (k.Name, k.Direction))];

    /// <summary>
    /// What makes two names the same metric: case, spaces, hyphens, underscores and "%" do not, so "defect_ppm" and
    /// "Defect PPM" replace each other.
    /// </summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NameNoise().Replace(name, string.Empty).ToUpperInvariant();
    }

    /// <summary>A known metric's own name, else the name trimmed with single spaces.</summary>
    public static string NormalizeName(string? name)
    {
        var trimmed = Spaces().Replace(name ?? string.Empty, " ").Trim();
        return KnownBy(trimmed)?.Name ?? trimmed;
    }

    /// <summary>The direction of a metric known by name; null for any other.</summary>
    public static MetricDirection? DefaultDirection(string? name) => KnownBy(name)?.Direction;

    /// <summary>
    /// "higher" or "lower" (also "higher is better", "HigherIsBetter", "lower-is-better", any case). Empty gives null
    /// and true: the known metrics have a direction of their own.
    /// </summary>
    public static bool TryParseDirection(string? text, out MetricDirection? direction)
    {
        direction = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        direction = NameNoise().Replace(text, string.Empty).ToUpperInvariant() switch
        {
            "HIGHER" or "HIGHERISBETTER" => MetricDirection.HigherIsBetter,
            "LOWER" or "LOWERISBETTER" => MetricDirection.LowerIsBetter,
            _ => null,
        };
        return direction is not null;
    }

    /// <summary>"higher" or "lower", as files and the API write it.</summary>
    public static string DirectionWord(MetricDirection direction) =>
        direction == MetricDirection.LowerIsBetter ? "lower" : "higher";

    /// <summary>
    /// A metric from what a person or a system sent, normalized (a known metric's own name, its direction when none is
    /// given); null when anything is missing or wrong, with a sentence per field in <paramref name="errors"/> (keys
    /// <c>metric</c>, <c>period</c>, <c>value</c>, <c>target</c>, <c>direction</c>, <c>worst</c>). A value the caller
    /// could not read is passed as null with its error already in <paramref name="errors"/>, which is kept.
    /// </summary>
    public static MetricValue? Create(
        string? name, MetricQuarter? period, double? value, double? target, string? direction, double? worst, DateTimeOffset now, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        MetricDirection? parsed = null;
        if (!TryParseDirection(direction, out var given))
        {
            errors.TryAdd("direction", "Write higher or lower: whether a higher value is better.");
        }
        else
        {
            parsed = given ?? DefaultDirection(name);
            if (parsed is null && !string.IsNullOrWhiteSpace(name))
            {
                errors.TryAdd("direction", $"Write higher or lower: \"{Shorten(name.Trim())}\" is not {OnTimeDelivery} or {DefectPpm}, so say whether a higher value is better.");
            }
        }

        Check(name, period, value, target, parsed, worst, now, errors);
        return errors.Count == 0
            ? new MetricValue(NormalizeName(name), period!, value!.Value, target!.Value, parsed!.Value, worst)
            : null;
    }

    /// <summary>
    /// Field errors, as <see cref="Create"/> gives them; empty when the metric can be stored. A quarter that has not
    /// begun at <paramref name="now"/> is refused: it is a typing mistake, and would sit unseen until that quarter.
    /// </summary>
    public static Dictionary<string, string> Validate(MetricValue metric, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Check(metric.Name, metric.Period, metric.Value, metric.Target, metric.Direction, metric.Worst, now, errors);
        return errors;
    }

    private static void Check(
        string? name, MetricQuarter? period, double? value, double? target, MetricDirection? direction, double? worst, DateTimeOffset now, IDictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.TryAdd("metric", $"Enter the metric's name, such as {OnTimeDelivery} or {DefectPpm}.");
        }
        else if (name.Length > MaxNameLength)
        {
            errors.TryAdd("metric", $"The metric's name must be at most {MaxNameLength} characters.");
        }
        else if (SupplierInput.TextProblem(name) is { } problem)
        {
            errors.TryAdd("metric", problem);
        }
        else if (Key(name).Length == 0)
        {
            errors.TryAdd("metric", "The metric's name needs a letter or a digit.");
        }

        if (period is null)
        {
            errors.TryAdd("period", "Enter the quarter the value was measured in, such as 2026-Q4.");
        }
        else if (!period.IsValid)
        {
            errors.TryAdd("period", "Write the quarter as year and quarter, such as 2026-Q4.");
        }
        else if (period.Start > now)
        {
            errors.TryAdd("period", $"{period} has not begun yet. Check the year and the quarter.");
        }

        var known = KnownBy(name);
        if (direction is { } d && !Enum.IsDefined(d))
        {
            errors.TryAdd("direction", "Write higher or lower: whether a higher value is better.");
        }
        else if (known is not null && direction is { } wrong && wrong != known.Direction)
        {
            errors.TryAdd("direction", $"{known.Name} is better when {DirectionWord(known.Direction)}: write {DirectionWord(known.Direction)}, or leave the direction empty.");
        }

        if (value is not { } v)
        {
            errors.TryAdd("value", "Enter the measured value, such as 97.5.");
        }
        else if (!double.IsFinite(v))
        {
            errors.TryAdd("value", "Enter the measured value as a number, such as 97.5.");
        }
        else if (known is not null && (v < known.Min || v > known.Max))
        {
            errors.TryAdd("value", $"{known.Name} is {known.Range}.");
        }

        if (target is not { } t)
        {
            errors.TryAdd("target", "Enter the target, such as 95.");
        }
        else if (!double.IsFinite(t))
        {
            errors.TryAdd("target", "Enter the target as a number, such as 95.");
        }
        else if (known is not null && (t < known.Min || t > known.Max))
        {
            errors.TryAdd("target", $"The target of {known.Name} is {known.Range}.");
        }

        if (worst is { } w && !double.IsFinite(w))
        {
            errors.TryAdd("worst", "Enter the worst value as a number, or leave it empty.");
        }

        if (errors.Count == 0 && new MetricValue(name!, period!, value!.Value, target!.Value, direction!.Value, worst) is var metric && metric.Score() is null)
        {
            errors.TryAdd(worst is null ? "target" : "worst", ScaleProblem(metric));
        }
    }

    /// <summary>The words for a target and worst value that make no scale from 0 to 100.</summary>
    private static string ScaleProblem(MetricValue metric)
    {
        var higher = metric.Direction == MetricDirection.HigherIsBetter;
        if (metric.Worst is { } worst)
        {
            return higher
                ? $"The worst value ({Number(worst)}) must be below the target ({Number(metric.Target)}) when higher is better."
                : $"The worst value ({Number(worst)}) must be above the target ({Number(metric.Target)}) when lower is better.";
        }

        return higher
            ? "With higher is better and a target of 0 or less, give the worst value (the value that scores 0), below the target."
            : $"With lower is better and a target of 0 or less, give the worst value (the value that scores 0), above the target; without one it is {Number(MetricScore.DefaultWorstFactor)} times the target.";
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static KnownMetric? KnownBy(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = Key(name);
        return Array.Find(Known, k => string.Equals(Key(k.Name), key, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"[\s_\-%]+")]
    private static partial Regex NameNoise();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private sealed record KnownMetric(string Name, MetricDirection Direction, double Min, double Max, string Range);
}
