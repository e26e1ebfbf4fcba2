using System.Globalization;
using System.Text.Json;
using EllipticCurve;
using Microsoft.Extensions.Options;
using SendGrid.Helpers.EventWebhook;

namespace SupplierQuality.Email.SendGrid;

public enum WebhookVerdict
{
    /// <summary>Signed, fresh and well formed: record the events, answer 2xx.</summary>
    Accepted,

    /// <summary>No verification key is configured: every post is refused.</summary>
    NotConfigured,

    /// <summary>The signature or timestamp header is missing.</summary>
    MissingSignature,

    /// <summary>The signature does not match the body and timestamp under the configured key.</summary>
    BadSignature,

    /// <summary>Correctly signed, but the timestamp is outside the tolerance (a replay, or a badly wrong clock).</summary>
    Stale,

    /// <summary>Correctly signed, but the body is not a JSON array of event objects.</summary>
    Malformed,
}

/// <summary>The outcome of <see cref="SendGridEventWebhook.Read"/>; <see cref="Events"/> is empty unless accepted.</summary>
public sealed record WebhookResult(WebhookVerdict Verdict, IReadOnlyList<SendGridEvent> Events, string? Error)
{
    public bool IsAccepted => Verdict == WebhookVerdict.Accepted;

    internal static WebhookResult Refused(WebhookVerdict verdict, string error) => new(verdict, [], error);
}

/// <summary>
/// Checks and reads SendGrid Event Webhook posts: the ECDSA P-256 signature over timestamp + raw body (verified with
/// the SDK's <see cref="RequestValidator"/>), the timestamp's freshness, then the JSON array of events.
/// </summary>
public sealed class SendGridEventWebhook
{
    public const string SignatureHeader = RequestValidator.SIGNATURE_HEADER;
    public const string TimestampHeader = RequestValidator.TIMESTAMP_HEADER;

    private static readonly Dictionary<string, SendGridEventType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["processed"] = SendGridEventType.Processed,
        ["dropped"] = SendGridEventType.Dropped,
        ["delivered"] = SendGridEventType.Delivered,
        ["deferred"] = SendGridEventType.Deferred,
        ["bounce"] = SendGridEventType.Bounce,
        ["open"] = SendGridEventType.Open,
        ["click"] = SendGridEventType.Click,
        ["spamreport"] = SendGridEventType.SpamReport,
        ["unsubscribe"] = SendGridEventType.Unsubscribe,
        ["group_unsubscribe"] = SendGridEventType.GroupUnsubscribe,
        ["group_resubscribe"] = SendGridEventType.GroupResubscribe,
    };

    private readonly RequestValidator _validator = new();
    private readonly PublicKey? _key;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _time;

    public SendGridEventWebhook(IOptions<SendGridOptions> options, TimeProvider time)
        : this(options.Value.WebhookPublicKey, options.Value.WebhookTolerance, time)
    {
    }

    /// <param name="publicKey">base64 DER or PEM, as SendGrid shows it; null or invalid refuses every post.</param>
    /// <param name="tolerance">How far the signed timestamp may be from now, either way.</param>
    /// <param name="time">The clock the timestamp is checked against.</param>
    public SendGridEventWebhook(string? publicKey, TimeSpan tolerance, TimeProvider time)
    {
        _key = publicKey is not null && TryParsePublicKey(publicKey, out var key) ? key : null;
        _tolerance = tolerance;
        _time = time;
    }

    /// <summary>Whether <paramref name="publicKey"/> is an ECDSA public key the SDK can verify with.</summary>
    public static bool IsValidPublicKey(string publicKey) => TryParsePublicKey(publicKey, out _);

    private static bool TryParsePublicKey(string publicKey, out PublicKey? key)
    {
        try
        {
            key = new RequestValidator().ConvertPublicKeyToECDSA(publicKey.Trim());
            return true;
        }
#pragma warning disable CA1031 // The SDK's DER parser throws assorted exception types for garbage; any of them means "not a key".
        catch (Exception)
#pragma warning restore CA1031
        {
            key = null;
            return false;
        }
    }

    /// <summary>
    /// Verifies a post and reads its events. Never throws for bad input: the verdict says what was wrong.
    /// </summary>
    /// <param name="body">The raw request body, exactly as received (the signature covers its bytes).</param>
    /// <param name="signature">The <see cref="SignatureHeader"/> value.</param>
    /// <param name="timestamp">The <see cref="TimestampHeader"/> value (Unix seconds).</param>
    public WebhookResult Read(string body, string? signature, string? timestamp)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (_key is null)
        {
            return WebhookResult.Refused(WebhookVerdict.NotConfigured, "No valid SendGrid:WebhookPublicKey is configured.");
        }

        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp))
        {
            return WebhookResult.Refused(WebhookVerdict.MissingSignature, $"The {SignatureHeader} and {TimestampHeader} headers are required.");
        }

        if (!IsValidSignature(body, signature.Trim(), timestamp.Trim()))
        {
            return WebhookResult.Refused(WebhookVerdict.BadSignature, "The signature does not match.");
        }

        // Checked after the signature, so the time it is compared with is the one SendGrid signed.
        if (!long.TryParse(timestamp.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookResult.Refused(WebhookVerdict.Stale, "The timestamp is not a Unix time in seconds.");
        }

        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > _tolerance)
        {
            return WebhookResult.Refused(WebhookVerdict.Stale, $"The timestamp is {age.TotalSeconds:0} s from now; at most {_tolerance.TotalSeconds:0} s is accepted.");
        }

        return Parse(body);
    }

    private bool IsValidSignature(string body, string signature, string timestamp)
    {
        try
        {
            return _validator.VerifySignature(_key, body, signature, timestamp);
        }
#pragma warning disable CA1031 // A signature that is not base64 DER makes the SDK throw assorted exception types: it is simply wrong.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Reads the JSON array of events (without any signature check).</summary>
    public static WebhookResult Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return WebhookResult.Refused(WebhookVerdict.Malformed, "The body must be a JSON array of events.");
            }

            var events = new List<SendGridEvent>(document.RootElement.GetArrayLength());
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object || Text(element, "event") is not { Length: > 0 } name)
                {
                    return WebhookResult.Refused(WebhookVerdict.Malformed, $"Event {index} is not an object with an \"event\" field.");
                }

                events.Add(new SendGridEvent(
                    Types.GetValueOrDefault(name, SendGridEventType.Unknown),
                    name,
                    Text(element, "email"),
                    UnixTime(element, "timestamp"),
                    Text(element, "sg_event_id"),
                    Text(element, "sg_message_id"),
                    Text(element, MailCustomArgs.MessageId),
                    Text(element, MailCustomArgs.InvitationId),
                    Text(element, "reason") ?? Text(element, "response"),
                    Text(element, "type"),
                    Text(element, "url"),
                    Text(element, "status")));
                index++;
            }

            return new WebhookResult(WebhookVerdict.Accepted, events, null);
        }
        catch (JsonException ex)
        {
            return WebhookResult.Refused(WebhookVerdict.Malformed, $"The body is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>A string field; numbers are taken as their text, since custom args may come back either way.</summary>
    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static DateTimeOffset? UnixTime(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt64(out var seconds)
        && seconds >= 0
        && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
