using SupplierQuality.Email;

namespace SupplierQuality.Grains.Invitations;

/// <summary>
/// Hands a copy of the answers to the mail service: one message to the invitation's own address. Its id is the
/// invitation's key and the request's, so the outbox keeps one file per click and delivery events (a bounce, a spam
/// report) reach the invitation. No unsubscribe header: the person asked for this one email, and the survey link in it
/// is the only token it carries.
/// </summary>
internal static class AnswerCopyMail
{
    /// <summary>Within the grain call's own timeout, so the page hears "not sent" rather than a timeout.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static string MessageId(string invitationKey, Guid requestId) => $"{invitationKey}.copy-{requestId:N}";

    public static async Task<MailSendResult> SendAsync(IMailSender mail, string invitationKey, Mailbox to, AnswerCopyRequest copy)
    {
        var message = new MailMessage(MessageId(invitationKey, copy.RequestId), to, copy.Subject, copy.HtmlBody, copy.TextBody)
        {
            InvitationId = invitationKey,
            SenderName = copy.SenderName,
            ReplyTo = copy.ReplyToEmail is { } replyTo ? new Mailbox(replyTo, copy.ReplyToName) : null,
        };
        using var timeout = new CancellationTokenSource(Timeout);
        return (await mail.SendAsync([message], timeout.Token)).Results[0];
    }
}
