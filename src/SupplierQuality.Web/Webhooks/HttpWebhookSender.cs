using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;
using SupplierQuality.Grains.Webhooks;

namespace SupplierQuality.Web.Webhooks;

/// <summary>
/// Posts an event as Standard Webhooks asks: the JSON body as it was made, and <c>webhook-id</c>,
/// <c>webhook-timestamp</c> (now, Unix seconds) and <c>webhook-signature</c> (<c>v1,</c> + base64 HMAC-SHA256 of
/// <c>id.timestamp.body</c> with the endpoint's secret, by the StandardWebhooks package). Any 2xx is delivered; a
/// redirect is a failure (it is not followed: the admin registers the final address), as are other answers, timeouts
/// and network errors.
/// </summary>
internal sealed class HttpWebhookSender(IHttpClientFactory clients, TimeProvider time, IOptions<WebhookOptions> options) : IWebhookSender
{
    public const string ClientName = "webhooks";

    public async Task<WebhookPostResult> SendAsync(WebhookPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var e = post.Event;
        var now = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, post.Url)
        {
            Content = new StringContent(e.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", e.Id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(post.Secret).Sign(e.Id, now, e.Payload));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return WebhookPostResult.Ok;
            }

            return status is >= 300 and < 400
                ? WebhookPostResult.Failed("status", $"HTTP {status}, a redirect to {response.Headers.Location?.ToString() ?? "nowhere"}: redirects are not followed, so register the final address.")
                : WebhookPostResult.Failed("status", $"HTTP {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WebhookPostResult.Failed("timeout", $"No answer within {options.Value.Timeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException failure)
        {
            return WebhookPostResult.Failed("network", failure.InnerException is { } inner ? $"{failure.Message} ({inner.Message})" : failure.Message);
        }
    }
}
