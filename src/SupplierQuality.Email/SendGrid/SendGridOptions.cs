using System.ComponentModel.DataAnnotations;

namespace SupplierQuality.Email.SendGrid;

/// <summary>The SendGrid account, how hard to retry, and the Event Webhook key. Bound from the "SendGrid" section.</summary>
public sealed class SendGridOptions : IValidatableObject
{
    public const string SectionName = "SendGrid";

    /// <summary>An API key with the "Mail Send" permission.</summary>
    [Required]
    public string ApiKey { get; set; } = "";

    /// <summary>The API host; tests point it at a loopback server.</summary>
    [Required]
    public string BaseUrl { get; set; } = "https://api.sendgrid.com";

    /// <summary>The default sender; a verified sender identity in the SendGrid account.</summary>
    [Required]
    [EmailAddress]
    public string FromEmail { get; set; } = "";

    public string? FromName { get; set; }

    /// <summary>Requests per batch, the first included, before its messages are reported as retry-later.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first backoff after a 5xx or a failed connection; doubled each attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff chosen by this client (a server's Retry-After may ask for more).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait honoured in-process; when SendGrid asks for more (Retry-After, X-RateLimit-Reset), the batch
    /// is reported as retry-later with that time, so the caller reschedules instead of holding a call open.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one request may take before it counts as failed and is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests in flight at once within one <see cref="IMailSender.SendAsync"/> call.</summary>
    [Range(1, 16)]
    public int MaxConcurrentRequests { get; set; } = 2;

    /// <summary>SendGrid validates and answers but delivers nothing (mail_settings.sandbox_mode).</summary>
    public bool SandboxMode { get; set; }

    /// <summary>
    /// The Event Webhook verification key from Settings, Mail Settings, Event Webhook: base64 DER (or PEM) of an ECDSA
    /// P-256 public key. Without it every webhook post is refused.
    /// </summary>
    public string? WebhookPublicKey { get; set; }

    /// <summary>How far a webhook timestamp may be from now, either way, before the post counts as stale.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"'{BaseUrl}' is not an absolute http(s) URL.", [nameof(BaseUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(WebhookPublicKey) && !SendGridEventWebhook.IsValidPublicKey(WebhookPublicKey))
        {
            yield return new ValidationResult(
                "The webhook public key is not an ECDSA public key in base64 DER or PEM (copy it from the SendGrid Event Webhook settings).",
                [nameof(WebhookPublicKey)]);
        }
    }
}
