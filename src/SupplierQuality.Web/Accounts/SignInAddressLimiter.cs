using System.Net;
using Microsoft.Extensions.Options;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Web.Accounts;

/// <summary>
/// At most <see cref="SignInLimitOptions.PermitLimit"/> failed sign-ins per client address within a sliding
/// <see cref="SignInLimitOptions.Window"/>, checked before any password is hashed. Each attempt takes a permit before
/// it runs, so a burst of parallel posts cannot overshoot the limit; a successful sign-in gives its permit back.
/// </summary>
/// <remarks>
/// Not ASP.NET's rate limiting middleware, which guards the survey links: its permits cannot be given back, and
/// counting successful sign-ins too would refuse an office whose staff share one address when they arrive in the
/// morning. The count is per node: behind a load balancer, n nodes allow up to n times the limit.
/// </remarks>
internal sealed class SignInAddressLimiter(IOptions<SignInLimitOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _attempts = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public SignInPermit TryAcquire(IPAddress? address)
    {
        var (limit, window) = (options.Value.PermitLimit, options.Value.Window);
        var key = ClientAddressKey.For(address);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            SweepIfDue(now, window);
            if (!_attempts.TryGetValue(key, out var taken))
            {
                taken = [];
                _attempts[key] = taken;
            }

            taken.RemoveAll(t => now - t >= window);
            if (taken.Count >= limit)
            {
                return SignInPermit.Refused(taken.Min() + window - now);
            }

            taken.Add(now);
            return SignInPermit.Granted(() => Refund(key, now));
        }
    }

    private void Refund(string key, DateTimeOffset taken)
    {
        lock (_lock)
        {
            if (_attempts.TryGetValue(key, out var times))
            {
                times.Remove(taken);
            }
        }
    }

    // Forget addresses with nothing left in the window, at most once a window, so the table holds only recent clients.
    private void SweepIfDue(DateTimeOffset now, TimeSpan window)
    {
        if (now - _lastSweep < window)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (key, taken) in _attempts)
        {
            taken.RemoveAll(t => now - t >= window);
            if (taken.Count == 0)
            {
                _attempts.Remove(key);
            }
        }
    }
}

/// <summary>The answer of <see cref="SignInAddressLimiter.TryAcquire"/>.</summary>
internal sealed class SignInPermit
{
    private Action? _refund;

    private SignInPermit(bool acquired, TimeSpan retryAfter, Action? refund) =>
        (Acquired, RetryAfter, _refund) = (acquired, retryAfter, refund);

    public bool Acquired { get; }

    /// <summary>When refused: how long until the address's oldest counted attempt leaves the window.</summary>
    public TimeSpan RetryAfter { get; }

    public static SignInPermit Granted(Action refund) => new(true, TimeSpan.Zero, refund);

    public static SignInPermit Refused(TimeSpan retryAfter) => new(false, retryAfter, null);

    /// <summary>The attempt succeeded, so it no longer counts against the address. Once only.</summary>
    public void Refund() => Interlocked.Exchange(ref _refund, null)?.Invoke();
}
