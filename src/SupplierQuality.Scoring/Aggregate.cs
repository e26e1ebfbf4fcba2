using MathNet.Numerics.Distributions;

namespace SupplierQuality.Scoring;

/// <summary>
/// A running summary of scores: count n, sum Σx and sum of squares Σx². Mean = Σx/n (none when n = 0); sample
/// standard deviation s = √((Σx² − (Σx)²/n)/(n − 1)) (none when n &lt; 2); 95% confidence interval
/// mean ± t(0.975, n − 1)·s/√n (none when n &lt; 2). <c>default</c> is the empty aggregate.
/// </summary>
/// <remarks>
/// Keeping sums rather than the scores lets a grain apply, replace and withdraw a response without reading the
/// others (DESIGN.md rule 5), at the price of rounding: see <see cref="StandardDeviation"/>.
/// </remarks>
public readonly record struct Aggregate(int Count, double Sum, double SumOfSquares)
{
    // Σ(x − mean)² computed as Σx² − (Σx)²/n cancels; what is left below this share of Σx² is rounding noise from the
    // additions and removals, not spread. It equals a standard deviation of about 1e-5 of the scores' size (0.001 on
    // a 0-100 scale), far below anything shown, and it keeps identical scores at a spread of exactly 0, which Welch's
    // test needs to tell "no spread" from "a little".
    private const double CancellationNoise = 1e-10;

    public int Count { get; } = Count >= 0 ? Count : throw new ArgumentOutOfRangeException(nameof(Count), Count, "The count cannot be negative.");

    public static Aggregate Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var aggregate = default(Aggregate);
        foreach (var value in values)
        {
            aggregate = aggregate.Add(value);
        }

        return aggregate;
    }

    /// <summary>The aggregate of some n values whose mean and sample standard deviation are known.</summary>
    public static Aggregate FromSummary(int count, double mean, double standardDeviation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Check.Finite(mean);
        Check.Finite(standardDeviation);
        ArgumentOutOfRangeException.ThrowIfNegative(standardDeviation);
        if (count == 0)
        {
            return default;
        }

        var deviations = count > 1 ? (count - 1) * standardDeviation * standardDeviation : 0;
        return new Aggregate(count, count * mean, deviations + (count * mean * mean));
    }

    public Aggregate Add(double value)
    {
        Check.Finite(value);
        return new Aggregate(Count + 1, Sum + value, SumOfSquares + (value * value));
    }

    /// <summary>Withdraws a value that was added before; the caller vouches that it was.</summary>
    public Aggregate Remove(double value)
    {
        Check.Finite(value);
        if (Count == 0)
        {
            throw new InvalidOperationException("Cannot remove a value from an empty aggregate.");
        }

        // Back to exactly empty, so rounding left by earlier additions and removals does not outlive the values.
        return Count == 1 ? default : new Aggregate(Count - 1, Sum - value, SumOfSquares - (value * value));
    }

    public Aggregate Combine(Aggregate other) =>
        new(Count + other.Count, Sum + other.Sum, SumOfSquares + other.SumOfSquares);

    public double? Mean => Count == 0 ? null : Sum / Count;

    /// <summary>
    /// The sample standard deviation (divisor n − 1); a spread within rounding noise of the sums counts as 0.
    /// </summary>
    public double? StandardDeviation => Variance is { } variance ? Math.Sqrt(variance) : null;

    /// <summary>mean ± t(0.975, n − 1)·s/√n. Not clipped to the scores' range: the interval is the t-interval.</summary>
    public ConfidenceInterval? ConfidenceInterval95
    {
        get
        {
            if (Mean is not { } mean || StandardDeviation is not { } sd)
            {
                return null;
            }

            var halfWidth = StudentT.InvCDF(0, 1, Count - 1, 0.975) * sd / Math.Sqrt(Count);
            return new ConfidenceInterval(mean - halfWidth, mean + halfWidth);
        }
    }

    internal double? Variance
    {
        get
        {
            if (Count < 2)
            {
                return null;
            }

            var deviations = SumOfSquares - (Sum * Sum / Count);
            return deviations <= CancellationNoise * SumOfSquares ? 0 : deviations / (Count - 1);
        }
    }
}

/// <summary>A closed interval [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    public double HalfWidth => (Upper - Lower) / 2;
}
