using Orleans.Concurrency;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// One registered endpoint (keyed by its id): its address, events and secret, and the reading end of its outbox.
/// Delivers the queued events one at a time in order: the head is retried with exponential backoff
/// (<see cref="WebhookBackoff"/>) and blocks the rest; after <see cref="WebhookOptions.DisableAfter"/> of failures the
/// endpoint is disabled until an admin enables it. An Orleans reminder wakes it every
/// <see cref="WebhookOptions.TickPeriod"/>, so if the node holding it dies another node activates it and goes on from
/// the stored head: events are delivered at least once (a crash between a post and the head's write repeats that post,
/// with the same <c>webhook-id</c>).
/// </summary>
[Alias("SupplierQuality.Webhooks.IWebhookEndpointGrain")]
public interface IWebhookEndpointGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the endpoint and its reminder. The same url, events and description again (a repeated registration,
    /// whatever secret it brings) is <see cref="CommandOutcome.Ok"/> with the secret made first; other details under
    /// the same id, or an endpoint deleted since, are <see cref="CommandOutcome.Conflict"/>.
    /// </summary>
    [Alias("Create")]
    Task<CommandResult<WebhookEndpointCreated>> CreateAsync(WebhookEndpointDefinition definition);

    /// <summary>The endpoint and its delivery figures; null if never created or deleted. Answers during a delivery.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<WebhookEndpointInfo?> GetAsync();

    /// <summary>
    /// Delivers again from now: enables a disabled endpoint (its day of retries starts again), or cuts a retry's wait
    /// short (its attempts and failing time stay, so it is disabled as before). With <paramref name="discardWaiting"/>
    /// the events queued until now are skipped, never delivered.
    /// </summary>
    [Alias("Enable")]
    Task<CommandResult<WebhookEndpointInfo>> EnableAsync(bool discardWaiting);

    /// <summary>Stops for good: the queue takes no more events, waiting ones are discarded, the reminder goes. Repeatable.</summary>
    [Alias("Delete")]
    Task<CommandResult<WebhookEndpointInfo>> DeleteAsync();

    /// <summary>The next event to deliver, by sequence number. Answers during a delivery.</summary>
    [Alias("GetHead"), AlwaysInterleave]
    Task<long> GetHeadAsync();

    /// <summary>Events were queued: deliver unless a retry's wait is running. One-way, so the queue never waits.</summary>
    [Alias("Nudge"), OneWay]
    Task NudgeAsync();

    /// <summary>Delivers what is due now and answers when done (tests; the timer does the same on its own).</summary>
    [Alias("Run")]
    Task RunAsync();
}
