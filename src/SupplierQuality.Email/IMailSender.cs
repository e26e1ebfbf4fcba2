namespace SupplierQuality.Email;

/// <summary>
/// Hands mail to a delivery service. Implementations never throw for a message the service refuses or for a
/// transient outage: each message gets its own <see cref="MailSendResult"/>, in input order, so a caller can record
/// what was accepted even when the rest must wait.
/// </summary>
public interface IMailSender
{
    /// <summary>
    /// Sends <paramref name="messages"/>. A message id seen twice in one call is sent once and reported for both.
    /// Cancellation stops the work between requests: what was accepted is reported as accepted, the rest (including a
    /// request in flight, which the service may or may not have taken) as <see cref="MailSendStatus.RetryLater"/>.
    /// </summary>
    Task<MailBatchResult> SendAsync(IReadOnlyList<MailMessage> messages, CancellationToken ct);
}

/// <summary>An address and the name shown with it.</summary>
public sealed record Mailbox(string Email, string? Name = null);

/// <summary>
/// One email to one recipient.
/// </summary>
/// <param name="Id">
/// Deterministic and unique per email (for example the invitation id plus "initial" or "reminder-1"), so a retried
/// send is recognisable: the outbox keeps one file per id, and SendGrid events carry it back as the
/// <see cref="MailCustomArgs.MessageId"/> custom arg.
/// </param>
/// <param name="To">The one recipient.</param>
/// <param name="Subject">Plain text; line breaks are not allowed.</param>
/// <param name="HtmlBody">Complete HTML body.</param>
/// <param name="TextBody">Plain-text alternative.</param>
public sealed record MailMessage(string Id, Mailbox To, string Subject, string HtmlBody, string TextBody)
{
    /// <summary>The sender; null takes the configured default.</summary>
    public Mailbox? From { get; init; }

    /// <summary>
    /// The display name shown with the configured sender address when the configuration names none
    /// (<c>SendGrid:FromName</c> unset): who the mail is from, in words, such as the buying company. Ignored when
    /// <see cref="From"/> is set.
    /// </summary>
    public string? SenderName { get; init; }

    /// <summary>Where replies go (the Reply-To header); null for the sender's address.</summary>
    public Mailbox? ReplyTo { get; init; }

    /// <summary>Carried back by delivery events as the <see cref="MailCustomArgs.InvitationId"/> custom arg.</summary>
    public string? InvitationId { get; init; }

    /// <summary>Further custom args (string values) that delivery events carry back.</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// An https URL that unsubscribes the recipient on GET (a page) and on POST (RFC 8058 one-click: mail clients post
    /// <c>List-Unsubscribe=One-Click</c> to it). Sent as the <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c> headers.
    /// </summary>
    public string? UnsubscribeUrl { get; init; }

    /// <summary>
    /// Every custom arg this message carries: <see cref="CustomArgs"/> plus the message id and, when set, the invitation
    /// id (these two win over same-named entries in <see cref="CustomArgs"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> AllCustomArgs()
    {
        var args = new Dictionary<string, string>(CustomArgs, StringComparer.Ordinal)
        {
            [MailCustomArgs.MessageId] = Id,
        };
        if (InvitationId is not null)
        {
            args[MailCustomArgs.InvitationId] = InvitationId;
        }

        return args;
    }
}

/// <summary>Names of the custom args every message carries; delivery events echo them.</summary>
public static class MailCustomArgs
{
    public const string MessageId = "sq_message_id";
    public const string InvitationId = "invitation_id";
}

public enum MailSendStatus
{
    /// <summary>The delivery service took the message. Delivery events follow.</summary>
    Accepted,

    /// <summary>Refused for a reason that retrying will not change (a malformed address, for example).</summary>
    Rejected,

    /// <summary>Not taken now (rate limit, outage, attempts used up); send again later.</summary>
    RetryLater,
}

/// <param name="MessageId">The <see cref="MailMessage.Id"/>.</param>
/// <param name="Status">What happened.</param>
/// <param name="Reason">Why it was rejected or must wait; null when accepted.</param>
/// <param name="ProviderMessageId">SendGrid's X-Message-Id of the request that carried it (a prefix of the events' sg_message_id).</param>
/// <param name="RetryAfter">For <see cref="MailSendStatus.RetryLater"/>: the earliest sensible time to try again, when known.</param>
public sealed record MailSendResult(
    string MessageId,
    MailSendStatus Status,
    string? Reason = null,
    string? ProviderMessageId = null,
    TimeSpan? RetryAfter = null);

/// <summary>One result per message, in the order the messages were given.</summary>
public sealed record MailBatchResult(IReadOnlyList<MailSendResult> Results)
{
    public IEnumerable<MailSendResult> Accepted => Results.Where(r => r.Status == MailSendStatus.Accepted);

    public IEnumerable<MailSendResult> Rejected => Results.Where(r => r.Status == MailSendStatus.Rejected);

    public IEnumerable<MailSendResult> RetryLater => Results.Where(r => r.Status == MailSendStatus.RetryLater);
}
