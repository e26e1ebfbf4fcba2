using System.ComponentModel.DataAnnotations;

namespace SupplierQuality.Grains.Webhooks;

/// <summary>How webhooks are delivered; the <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How long one post may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The Orleans reminder period of each endpoint: how soon delivery resumes on another node after the one holding
    /// the endpoint dies, and the latest a retry can be late.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait after the first failed attempt; it doubles with each failure up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:01", "06:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An endpoint whose deliveries have failed this long without a success is disabled (at least a day).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "30.00:00:00")]
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The bound of each endpoint's outbox: events waiting beyond this many are dropped (counted, with the time, on
    /// the admin page) rather than queued.
    /// </summary>
    [Range(10, 100_000)]
    public int MaxPending { get; set; } = 10_000;
}
