namespace SupplierQuality.Grains.Accounts;

/// <summary>
/// The recent failed password checks of one account (or of one unknown email), and the delay they put on the
/// answer to the next attempt (<see cref="SignInThrottleOptions"/>).
/// </summary>
internal sealed class SignInFailures(SignInThrottleOptions options)
{
    // Once the delay is at its cap more failures change nothing, so a stranger cannot make the grain hold more.
    private const int MaxKeptBeyondFirstDelay = 32;

    private readonly Queue<DateTimeOffset> _times = new();

    /// <summary>How long the answer to an attempt made at <paramref name="now"/> must wait, whatever its outcome.</summary>
    public TimeSpan DelayAt(DateTimeOffset now)
    {
        Expire(now);
        var delay = TimeSpan.Zero;
        for (var failures = options.FailuresBeforeDelay; failures <= _times.Count && delay < options.MaxDelay; failures++)
        {
            delay = delay == TimeSpan.Zero ? options.FirstDelay : delay + delay;
        }

        return delay < options.MaxDelay ? delay : options.MaxDelay;
    }

    public void Record(DateTimeOffset now)
    {
        Expire(now);
        _times.Enqueue(now);
        while (_times.Count > options.FailuresBeforeDelay + MaxKeptBeyondFirstDelay)
        {
            _times.Dequeue();
        }
    }

    public void Clear() => _times.Clear();

    private void Expire(DateTimeOffset now)
    {
        while (_times.TryPeek(out var oldest) && now - oldest >= options.Window)
        {
            _times.Dequeue();
        }
    }
}
