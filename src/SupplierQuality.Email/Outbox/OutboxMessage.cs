namespace SupplierQuality.Email.Outbox;

/// <summary>A message as the development outbox keeps it: one JSON file per <see cref="MailMessage.Id"/>.</summary>
public sealed record OutboxMessage(
    string Id,
    Mailbox To,
    Mailbox? From,
    string Subject,
    string HtmlBody,
    string TextBody,
    string? InvitationId,
    IReadOnlyDictionary<string, string> CustomArgs,
    string? UnsubscribeUrl,
    DateTimeOffset WrittenAt,
    Mailbox? ReplyTo = null)
{
    /// <param name="m">The message.</param>
    /// <param name="from">The sender it goes out with (see <see cref="MailMessageRules.Sender"/>); null for none configured.</param>
    /// <param name="writtenAt">When the outbox took it.</param>
    internal static OutboxMessage Of(MailMessage m, Mailbox? from, DateTimeOffset writtenAt) =>
        new(m.Id, m.To, from, m.Subject, m.HtmlBody, m.TextBody, m.InvitationId, m.AllCustomArgs(), m.UnsubscribeUrl, writtenAt, m.ReplyTo);
}

/// <summary>One page of the outbox, newest first, and how many messages it holds in all.</summary>
public sealed record OutboxPage(IReadOnlyList<OutboxMessage> Messages, int Total);
