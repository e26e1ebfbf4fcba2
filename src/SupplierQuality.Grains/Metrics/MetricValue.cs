using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Metrics;

/// <summary>
/// One objective metric of one supplier in one quarter: the value measured, its target, which way is better and,
/// optionally, the value that scores 0 (<see cref="MetricScore"/> picks one when it is left out).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Metrics.MetricValue")]
public sealed record MetricValue(
    [property: Id(0)] string Name,
    [property: Id(1)] MetricQuarter Period,
    [property: Id(2)] double Value,
    [property: Id(3)] double Target,
    [property: Id(4)] MetricDirection Direction,
    [property: Id(5)] double? Worst = null)
{
    /// <summary>Whether <paramref name="other"/> is the same metric in the same quarter, so one replaces the other.</summary>
    public bool SameSlot(MetricValue other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Period == other.Period && string.Equals(MetricInput.Key(Name), MetricInput.Key(other.Name), StringComparison.Ordinal);
    }

    /// <summary>
    /// The value on the 0-100 scale against its target; null when the target and worst value make no scale, which
    /// <see cref="MetricInput.Validate"/> refuses, so only a value stored by hand could have it. A method, not a
    /// property: the JSON grain storage would store a property.
    /// </summary>
    public double? Score()
    {
        try
        {
            return MetricScore.Of(Value, Target, Direction, Worst);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>A metric as the supplier's scorecard keeps it: with who imported it and when.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Metrics.StoredMetric")]
public sealed record StoredMetric(
    [property: Id(0)] MetricValue Metric,
    [property: Id(1)] DateTimeOffset ImportedAt,
    [property: Id(2)] string ImportedBy);

/// <summary>What storing a batch of one supplier's metrics did; with <see cref="Errors"/>, nothing was written.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Metrics.MetricStoreResult")]
public sealed record MetricStoreResult(
    [property: Id(0)] int Added,
    [property: Id(1)] int Replaced,
    [property: Id(2)] int Unchanged,
    [property: Id(3)] IReadOnlyList<string> Errors);
