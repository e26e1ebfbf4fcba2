namespace SupplierQuality.Grains.Webhooks;

/// <summary>One post of an event to an endpoint, signed with the endpoint's secret.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Webhooks.WebhookPost")]
public sealed record WebhookPost(
    [property: Id(0)] string Url,
    [property: Id(1)] string Secret,
    [property: Id(2)] WebhookEvent Event);

/// <summary>How a post went; a failure carries a short reason for the admin page.</summary>
/// <param name="Failure">
/// A small fixed word for metrics: <c>status</c> (an answer other than 2xx), <c>timeout</c> or <c>network</c>; null
/// when delivered.
/// </param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Webhooks.WebhookPostResult")]
public sealed record WebhookPostResult(
    [property: Id(0)] bool Delivered,
    [property: Id(1)] string? Failure,
    [property: Id(2)] string? Error)
{
    public static WebhookPostResult Ok { get; } = new(true, null, null);

    public static WebhookPostResult Failed(string failure, string error) => new(false, failure, error);
}

/// <summary>
/// Posts events over HTTP (the node's implementation signs with Standard Webhooks, follows no redirects and gives up
/// after <see cref="WebhookOptions.Timeout"/>). Never throws for the receiver's failures: they are results.
/// </summary>
public interface IWebhookSender
{
    Task<WebhookPostResult> SendAsync(WebhookPost post, CancellationToken cancellationToken);
}
