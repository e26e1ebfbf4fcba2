using System.Globalization;
using System.Net;

namespace SupplierQuality.Email.Templates;

/// <summary>A rendered email: what <see cref="MailMessage"/> needs besides the addresses.</summary>
public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody);

/// <summary>
/// The invitation and reminder email around a manager's subject and intro: the intro, a button to the survey, the
/// deadline, and an unsubscribe line. Deliberately small, so the bodies fit SendGrid's per-recipient substitution
/// limit and many recipients share one request.
/// </summary>
public static class SurveyEmail
{
    /// <summary>A deadline as the email and the form write it, in UTC: "31 March 2026, 17:00 UTC".</summary>
    public static string FormatDeadline(DateTimeOffset deadline) =>
        deadline.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <param name="subjectTemplate">The manager's subject; see <see cref="MailTemplate"/>.</param>
    /// <param name="introTemplate">The manager's intro text; see <see cref="MailTemplate"/>.</param>
    /// <param name="values">The recipient's values.</param>
    /// <param name="senderName">Who asks (the buying company), shown above the unsubscribe line.</param>
    public static RenderedEmail Render(string subjectTemplate, string introTemplate, MailTemplateValues values, string senderName)
    {
        ArgumentNullException.ThrowIfNull(values);
        var subject = MailTemplate.RenderSubject(subjectTemplate, values);
        var intro = MailTemplate.RenderHtml(introTemplate, values);
        var link = WebUtility.HtmlEncode(values.Link);
        var html = $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body style="font-family:sans-serif;line-height:1.5;max-width:40em">
            {intro}
            <p><a href="{link}" style="display:inline-block;padding:.6em 1.2em;background:#1f5fa8;color:#fff;text-decoration:none;border-radius:4px">Open the survey</a></p>
            <p>Please answer by {WebUtility.HtmlEncode(values.Deadline)}. If the button does not work, copy this address into your browser:<br>{MailTemplate.Anchor(values.Link)}</p>
            <p style="font-size:small;color:#555">Sent by {WebUtility.HtmlEncode(senderName)}. <a href="{WebUtility.HtmlEncode(values.UnsubscribeLink)}">Unsubscribe</a> from these surveys.</p>
            </body></html>
            """;
        var text = $"""
            {MailTemplate.RenderText(introTemplate, values).Trim()}

            Open the survey: {values.Link}
            Please answer by {values.Deadline}.

            Sent by {senderName}. Unsubscribe: {values.UnsubscribeLink}
            """;
        return new RenderedEmail(subject, html, text);
    }
}
