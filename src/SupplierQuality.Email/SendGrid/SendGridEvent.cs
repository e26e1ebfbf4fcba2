namespace SupplierQuality.Email.SendGrid;

/// <summary>The Event Webhook's event types; <see cref="Unknown"/> for types added after this code was written.</summary>
public enum SendGridEventType
{
    Unknown,
    Processed,
    Dropped,
    Delivered,
    Deferred,
    Bounce,
    Open,
    Click,
    SpamReport,
    Unsubscribe,
    GroupUnsubscribe,
    GroupResubscribe,
}

/// <summary>One event of a SendGrid Event Webhook post.</summary>
/// <param name="Type">The event type.</param>
/// <param name="EventName">The "event" field as sent (useful when <paramref name="Type"/> is unknown).</param>
/// <param name="Email">The recipient.</param>
/// <param name="Timestamp">When it happened ("timestamp").</param>
/// <param name="EventId">"sg_event_id": unique per event; SendGrid may post an event more than once, so dedupe on it.</param>
/// <param name="SgMessageId">"sg_message_id": SendGrid's id of the message (starts with the send request's X-Message-Id).</param>
/// <param name="MessageId">Our <see cref="MailMessage.Id"/>, from the <see cref="MailCustomArgs.MessageId"/> custom arg.</param>
/// <param name="InvitationId">From the <see cref="MailCustomArgs.InvitationId"/> custom arg.</param>
/// <param name="Reason">Why it bounced, was dropped or deferred ("reason", or "response" for a deferral).</param>
/// <param name="BounceType">For a bounce: "bounce" (hard) or "blocked" (the receiver refused this time) ("type").</param>
/// <param name="Url">For a click: the link.</param>
/// <param name="Status">The SMTP status code for bounces ("status").</param>
public sealed record SendGridEvent(
    SendGridEventType Type,
    string EventName,
    string? Email,
    DateTimeOffset? Timestamp,
    string? EventId,
    string? SgMessageId,
    string? MessageId,
    string? InvitationId,
    string? Reason,
    string? BounceType,
    string? Url,
    string? Status)
{
    /// <summary>A permanent bounce: the address does not accept mail and should not be mailed again.</summary>
    public bool IsHardBounce => Type == SendGridEventType.Bounce && string.Equals(BounceType, "bounce", StringComparison.OrdinalIgnoreCase);
}
