using System.Diagnostics;

namespace SupplierQuality.Benchmarks.Results;

/// <summary>Every duration of a cell, kept whole (a few hundred thousand at most), so percentiles are exact.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];
    private readonly Lock _gate = new();
    private double[]? _sorted;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _milliseconds.Count;
            }
        }
    }

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void AddSince(long startTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public void Add(double milliseconds)
    {
        lock (_gate)
        {
            _milliseconds.Add(milliseconds);
            _sorted = null;
        }
    }

    /// <summary>The nearest-rank percentile in milliseconds; null when nothing was recorded.</summary>
    public double? Percentile(double percent)
    {
        double[] sorted;
        lock (_gate)
        {
            if (_milliseconds.Count == 0)
            {
                return null;
            }

            sorted = _sorted ??= [.. _milliseconds.Order()];
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>p50, p95, p99 and the largest, for the JSON details.</summary>
    public Dictionary<string, double?> Summary() => new()
    {
        ["p50"] = Percentile(50),
        ["p95"] = Percentile(95),
        ["p99"] = Percentile(99),
        ["max"] = Percentile(100),
    };
}
