using System.Net;

namespace SupplierQuality.Email.Templates;

/// <summary>A rendered email: what <see cref="MailMessage"/> needs besides the addresses.</summary>
public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody);

/// <summary>
/// What the email says about who asks, beyond the buying company's name: its logo, why this recipient is asked, whom to
/// ask about the survey, and who sees the answers. Every part may be missing; the email then leaves its line out.
/// </summary>
/// <param name="LogoUrl">An absolute URL of the buying company's logo, shown above the intro.</param>
/// <param name="WhyAsked">One sentence: why this recipient is asked (as a contact at the supplier, as a colleague rating it).</param>
/// <param name="ContactName">The quality team's contact person.</param>
/// <param name="ContactEmail">The contact person's address.</param>
/// <param name="PrivacyNote">Who sees the answers and what they are used for.</param>
/// <param name="RepliesReachBuyer">A reply to the email reaches the buying company (it carries a Reply-To).</param>
/// <param name="Colleague">
/// The reader works at the buying company (an internal evaluator): rating suppliers is part of their job, so the email
/// has no unsubscribe line and says whom to ask instead (docs/adr/0007).
/// </param>
public sealed record SurveySender(
    string? LogoUrl = null,
    string? WhyAsked = null,
    string? ContactName = null,
    string? ContactEmail = null,
    string? PrivacyNote = null,
    bool RepliesReachBuyer = false,
    bool Colleague = false);

/// <summary>
/// The invitation and reminder email around a manager's subject and intro: who asks (name, logo), the intro, the supplier
/// it is about and why the recipient is asked, a button to the survey, the deadline with its zone, who sees the answers,
/// whom to ask, and an unsubscribe line (for a colleague, whom to ask instead). Deliberately small, so the bodies fit
/// SendGrid's per-recipient substitution limit and many recipients share one request.
/// </summary>
public static class SurveyEmail
{
    /// <summary>
    /// A deadline as the email and the form write it, in the campaign's zone with its offset:
    /// "31 March 2026, 19:00 (UTC+02:00, Europe/Berlin)"; "31 March 2026, 17:00 UTC" without a zone (<see cref="Zone.Show"/>).
    /// </summary>
    public static string FormatDeadline(DateTimeOffset deadline, Zone? zone = null) => (zone ?? Zone.Utc).Show(deadline);

    /// <param name="subjectTemplate">The manager's subject; see <see cref="MailTemplate"/>.</param>
    /// <param name="introTemplate">The manager's intro text; see <see cref="MailTemplate"/>.</param>
    /// <param name="values">The recipient's values.</param>
    /// <param name="senderName">Who asks (the buying company), shown above the intro and the unsubscribe line.</param>
    /// <param name="sender">What else the email says about who asks; null for nothing more.</param>
    public static RenderedEmail Render(string subjectTemplate, string introTemplate, MailTemplateValues values, string senderName, SurveySender? sender = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        sender ??= new SurveySender();
        var subject = MailTemplate.RenderSubject(subjectTemplate, values);
        var buyer = WebUtility.HtmlEncode(senderName);
        var questions = Questions(sender);
        var privacy = sender.PrivacyNote is { Length: > 0 } note ? note.Trim() : null;
        var why = sender.WhyAsked is { Length: > 0 } reason ? reason : null;

        // The logo is decoration beside the name, which stays readable when a mail client blocks images.
        var heading = sender.LogoUrl is { Length: > 0 } logo
            ? $"""<p><img src="{WebUtility.HtmlEncode(logo)}" alt="" height="48" style="height:48px;width:auto;vertical-align:middle;margin-right:.5em"><strong>{buyer}</strong></p>"""
            : $"<p><strong>{buyer}</strong></p>";
        string?[] html =
        [
            "<!DOCTYPE html>",
            $"""<html><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>""",
            """<body style="font-family:sans-serif;line-height:1.5;max-width:40em">""",
            heading,
            MailTemplate.RenderHtml(introTemplate, values),
            $"<p>Supplier: <strong>{WebUtility.HtmlEncode(values.SupplierName)}</strong>{(why is null ? "" : $"<br>\n{WebUtility.HtmlEncode(why)}")}</p>",
            $"""<p><a href="{WebUtility.HtmlEncode(values.Link)}" style="display:inline-block;padding:.6em 1.2em;background:#1f5fa8;color:#fff;text-decoration:none;border-radius:4px">Open the survey</a></p>""",
            $"<p>Please answer by {WebUtility.HtmlEncode(values.Deadline)}. If the button does not work, copy this address into your browser:<br>{MailTemplate.Anchor(values.Link)}</p>",
            privacy is null ? null : $"<p><strong>Who sees your answers:</strong> {Lines(privacy)}</p>",
            questions is null ? null : $"<p>{questions.Value.Html}</p>",
            sender.Colleague
                ? $"""<p style="font-size:small;color:#555">Sent by {buyer}. {EvaluatorDigestEmail.WhomToAsk(sender, senderName, values.SupplierName).Html}</p>"""
                : $"""<p style="font-size:small;color:#555">Sent by {buyer}. <a href="{WebUtility.HtmlEncode(values.UnsubscribeLink)}">Unsubscribe</a> from these surveys.</p>""",
            "</body></html>",
        ];
        // The text starts with the greeting, which mail clients show as the preview; the sender's name is in From.
        string?[] text =
        [
            MailTemplate.RenderText(introTemplate, values).Trim(),
            why is null ? $"Supplier: {values.SupplierName}" : $"Supplier: {values.SupplierName}\n{why}",
            $"Open the survey: {values.Link}\nPlease answer by {values.Deadline}.",
            privacy is null ? null : $"Who sees your answers: {privacy}",
            questions?.Text,
            sender.Colleague
                ? $"Sent by {senderName}. {EvaluatorDigestEmail.WhomToAsk(sender, senderName, values.SupplierName).Text}"
                : $"Sent by {senderName}. Unsubscribe: {values.UnsubscribeLink}",
        ];
        return new RenderedEmail(
            subject,
            string.Join('\n', html.OfType<string>()),
            string.Join("\n\n", text.OfType<string>()).ReplaceLineEndings("\n"));
    }

    /// <summary>"Questions about this survey? Ask Dana Quality (dana@buyer.example), or reply to this email."; null when there is nobody to ask.</summary>
    internal static (string Html, string Text)? Questions(SurveySender sender)
    {
        var name = sender.ContactName is { Length: > 0 } n ? n : null;
        var email = sender.ContactEmail is { Length: > 0 } e ? e : null;
        var reply = sender.RepliesReachBuyer ? "reply to this email" : null;
        if (name is null && email is null)
        {
            return reply is null ? null : ("Questions about this survey? Reply to this email.", "Questions about this survey? Reply to this email.");
        }

        var mailto = email is null ? null : $"<a href=\"mailto:{WebUtility.HtmlEncode(email)}\">{WebUtility.HtmlEncode(email)}</a>";
        var whoHtml = (name, email) switch
        {
            (not null, not null) => $"{WebUtility.HtmlEncode(name)} ({mailto})",
            (not null, null) => WebUtility.HtmlEncode(name),
            _ => mailto!,
        };
        var whoText = (name, email) switch
        {
            (not null, not null) => $"{name} ({email})",
            _ => name ?? email!,
        };
        var tail = reply is null ? "." : $", or {reply}.";
        return ($"Questions about this survey? Ask {whoHtml}{tail}", $"Questions about this survey? Ask {whoText}{tail}");
    }

    /// <summary>Encoded, its line breaks kept.</summary>
    internal static string Lines(string text) =>
        string.Join("<br>\n", text.Trim().ReplaceLineEndings("\n").Split('\n').Select(WebUtility.HtmlEncode));
}
