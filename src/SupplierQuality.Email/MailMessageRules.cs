namespace SupplierQuality.Email;

/// <summary>Checks every sender makes before it hands a message on, so a bad message is rejected alone and at once.</summary>
internal static class MailMessageRules
{
    public const int MaxIdLength = 200;

    /// <summary>Why <paramref name="message"/> cannot be sent, or null when it can.</summary>
    public static string? Problem(MailMessage message)
    {
        if (string.IsNullOrWhiteSpace(message.Id) || message.Id.Length > MaxIdLength)
        {
            return $"The message id must be 1 to {MaxIdLength} characters.";
        }

        if (!IsAddress(message.To.Email))
        {
            return $"'{message.To.Email}' is not an email address.";
        }

        if (message.From is { } from && !IsAddress(from.Email))
        {
            return $"The sender '{from.Email}' is not an email address.";
        }

        if (message.ReplyTo is { } replyTo && !IsAddress(replyTo.Email))
        {
            return $"The reply-to address '{replyTo.Email}' is not an email address.";
        }

        if (HasLineBreak(message.SenderName) || HasLineBreak(message.From?.Name) || HasLineBreak(message.ReplyTo?.Name))
        {
            return "A display name must be one line.";
        }

        if (string.IsNullOrWhiteSpace(message.Subject) || message.Subject.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return "The subject must be one non-empty line.";
        }

        if (string.IsNullOrEmpty(message.HtmlBody) || string.IsNullOrEmpty(message.TextBody))
        {
            return "Both the HTML and the text body are required.";
        }

        if (message.UnsubscribeUrl is { } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            return $"The unsubscribe URL '{url}' is not an absolute http(s) URL.";
        }

        return null;
    }

    /// <summary>
    /// The sender a message goes out with: its own <see cref="MailMessage.From"/>, else the configured address with the
    /// configured name or, when none is configured, the message's <see cref="MailMessage.SenderName"/>. Null when
    /// nothing is configured.
    /// </summary>
    public static Mailbox? Sender(MailMessage message, string? configuredEmail, string? configuredName) =>
        message.From ?? (string.IsNullOrWhiteSpace(configuredEmail)
            ? null
            : new Mailbox(configuredEmail, !string.IsNullOrWhiteSpace(configuredName) ? configuredName
                : string.IsNullOrWhiteSpace(message.SenderName) ? null : message.SenderName.Trim()));

    /// <summary>A display name with a line break would end the header it is written in.</summary>
    private static bool HasLineBreak(string? name) => name is not null && name.AsSpan().IndexOfAny('\r', '\n') >= 0;

    /// <summary>A single bare address (no display name, no surrounding spaces), as SendGrid wants it.</summary>
    public static bool IsAddress(string? email) =>
        !string.IsNullOrWhiteSpace(email)
        && System.Net.Mail.MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && string.IsNullOrEmpty(parsed.DisplayName);
}
