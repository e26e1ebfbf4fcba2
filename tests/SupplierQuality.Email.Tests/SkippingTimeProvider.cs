namespace SupplierQuality.Email.Tests;

/// <summary>
/// A clock whose timers fire at once and move the clock forward by their due time, so retry waits take no real time
/// while <see cref="Waits"/> records what was asked for.
/// </summary>
public sealed class SkippingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _waits = [];
    private DateTimeOffset _now = start;

    public SkippingTimeProvider()
        : this(new DateTimeOffset(2030, 1, 15, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_gate)
            {
                return [.. _waits];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return System.CreateTimer(callback, state, dueTime, period);
        }

        lock (_gate)
        {
            _waits.Add(dueTime);
            _now += dueTime;
        }

        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
