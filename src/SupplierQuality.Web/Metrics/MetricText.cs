using System.Globalization;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Scoring;

namespace SupplierQuality.Web.Metrics;

/// <summary>Objective metrics as people read them.</summary>
internal static class MetricText
{
    /// <summary>A measured value, target or worst value as typed: "97.5", "250", "0.001", no trailing zeros.</summary>
    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Direction(MetricDirection direction) =>
        direction == MetricDirection.LowerIsBetter ? "Lower is better" : "Higher is better";

    /// <summary>"250 (worst 2000)": the target, with the value that scores 0 when one was given.</summary>
    public static string Target(MetricValue metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Worst is { } worst ? $"{Number(metric.Target)} (worst {Number(worst)})" : Number(metric.Target);
    }

    /// <summary>"2026-Q4" as "Q4 2026".</summary>
    public static string Quarter(MetricQuarter quarter)
    {
        ArgumentNullException.ThrowIfNull(quarter);
        return string.Create(CultureInfo.InvariantCulture, $"Q{quarter.Quarter} {quarter.Year}");
    }
}
