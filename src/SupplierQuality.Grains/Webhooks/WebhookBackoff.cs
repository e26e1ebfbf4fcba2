namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// When the head of a queue is tried again: <see cref="WebhookOptions.FirstRetryDelay"/> after the first failure,
/// doubling with each one up to <see cref="WebhookOptions.MaxRetryDelay"/> (5 s, 10 s, 20 s, ... 1 h, 1 h, ... by
/// default), until <see cref="WebhookOptions.DisableAfter"/> has passed since the first failure. No jitter: each
/// endpoint has its own queue, so there is no herd of retries to spread.
/// </summary>
public static class WebhookBackoff
{
    /// <param name="failures">Failed attempts so far, 1 or more.</param>
    public static TimeSpan Delay(int failures, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var delay = options.FirstRetryDelay;
        for (var i = 1; i < failures && delay < options.MaxRetryDelay; i++)
        {
            delay += delay;
        }

        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }
}
