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
    DateTimeOffset WrittenAt)
{
    internal static OutboxMessage Of(MailMessage m, Mailbox? defaultFrom, DateTimeOffset writtenAt) =>
        new(m.Id, m.To, m.From ?? defaultFrom, m.Subject, m.HtmlBody, m.TextBody, m.InvitationId, m.AllCustomArgs(), m.UnsubscribeUrl, writtenAt);
}

/// <summary>One page of the outbox, newest first, and how many messages it holds in all.</summary>
public sealed record OutboxPage(IReadOnlyList<OutboxMessage> Messages, int Total);
