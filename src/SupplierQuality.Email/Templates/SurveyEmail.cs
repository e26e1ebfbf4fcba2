using System.Net;
using SupplierQuality.Email.Languages;

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
    /// "31 March 2026, 19:00 (UTC+02:00, Europe/Berlin)"; "31 March 2026, 17:00 UTC" without a zone (<see cref="Zone.Show(DateTimeOffset)"/>).
    /// </summary>
    public static string FormatDeadline(DateTimeOffset deadline, Zone? zone = null) => (zone ?? Zone.Utc).Show(deadline);

    /// <summary>As <see cref="FormatDeadline(DateTimeOffset, Zone?)"/>, in the reader's language.</summary>
    public static string FormatDeadline(DateTimeOffset deadline, Zone? zone, Language? language) => (zone ?? Zone.Utc).Show(deadline, language);

    /// <param name="subjectTemplate">The manager's subject; see <see cref="MailTemplate"/>.</param>
    /// <param name="introTemplate">The manager's intro text; see <see cref="MailTemplate"/>.</param>
    /// <param name="values">The recipient's values.</param>
    /// <param name="senderName">Who asks (the buying company), shown above the intro and the unsubscribe line.</param>
    /// <param name="sender">What else the email says about who asks; null for nothing more.</param>
    /// <param name="language">The recipient's language, which the email's own lines are written in; null for English.</param>
    public static RenderedEmail Render(
        string subjectTemplate, string introTemplate, MailTemplateValues values, string senderName, SurveySender? sender = null, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        sender ??= new SurveySender();
        var t = RespondentTexts.For(language);
        var subject = MailTemplate.RenderSubject(subjectTemplate, values);
        var buyer = WebUtility.HtmlEncode(senderName);
        var questions = Questions(sender, t);
        var privacy = sender.PrivacyNote is { Length: > 0 } note ? note.Trim() : null;
        var why = sender.WhyAsked is { Length: > 0 } reason ? reason : null;

        // The logo is decoration beside the name, which stays readable when a mail client blocks images.
        var heading = sender.LogoUrl is { Length: > 0 } logo
            ? $"""<p><img src="{WebUtility.HtmlEncode(logo)}" alt="" height="48" style="height:48px;width:auto;vertical-align:middle;margin-right:.5em"><strong>{buyer}</strong></p>"""
            : $"<p><strong>{buyer}</strong></p>";
        string?[] html =
        [
            "<!DOCTYPE html>",
            $"""<html{LangAttribute(t)}><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>""",
            """<body style="font-family:sans-serif;line-height:1.5;max-width:40em">""",
            heading,
            MailTemplate.RenderHtml(introTemplate, values),
            $"<p>{t.FormatHtml("Supplier", $"<strong>{WebUtility.HtmlEncode(values.SupplierName)}</strong>")}{(why is null ? "" : $"<br>\n{WebUtility.HtmlEncode(why)}")}</p>",
            $"""<p><a href="{WebUtility.HtmlEncode(values.Link)}" style="display:inline-block;padding:.6em 1.2em;background:#1f5fa8;color:#fff;text-decoration:none;border-radius:4px">{t.Html("OpenSurvey")}</a></p>""",
            $"<p>{t.FormatHtml("AnswerBy", WebUtility.HtmlEncode(values.Deadline))} {t.Html("ButtonFallback")}<br>{MailTemplate.Anchor(values.Link)}</p>",
            privacy is null ? null : $"<p><strong>{t.Html("WhoSees")}</strong> {Lines(privacy)}</p>",
            questions is null ? null : $"<p>{questions.Value.Html}</p>",
            sender.Colleague
                ? $"""<p style="font-size:small;color:#555">{t.FormatHtml("SentBy", buyer)} {EvaluatorDigestEmail.WhomToAsk(sender, senderName, values.SupplierName, language).Html}</p>"""
                : $"""<p style="font-size:small;color:#555">{t.FormatHtml("SentBy", buyer)} {t.FormatHtml("UnsubscribeHtml", $"<a href=\"{WebUtility.HtmlEncode(values.UnsubscribeLink)}\">", "</a>")}</p>""",
            "</body></html>",
        ];
        // The text starts with the greeting, which mail clients show as the preview; the sender's name is in From.
        string?[] text =
        [
            MailTemplate.RenderText(introTemplate, values).Trim(),
            why is null ? t.Format("Supplier", values.SupplierName) : $"{t.Format("Supplier", values.SupplierName)}\n{why}",
            $"{t.Format("OpenSurveyLine", values.Link)}\n{t.Format("AnswerBy", values.Deadline)}",
            privacy is null ? null : $"{t["WhoSees"]} {privacy}",
            questions?.Text,
            sender.Colleague
                ? $"{t.Format("SentBy", senderName)} {EvaluatorDigestEmail.WhomToAsk(sender, senderName, values.SupplierName, language).Text}"
                : $"{t.Format("SentBy", senderName)} {t.Format("UnsubscribeLine", values.UnsubscribeLink)}",
        ];
        return new RenderedEmail(
            subject,
            string.Join('\n', html.OfType<string>()),
            string.Join("\n\n", text.OfType<string>()).ReplaceLineEndings("\n"));
    }

    /// <summary>The <c>lang</c> attribute of an email's html element; none for English, whose emails were written without one.</summary>
    internal static string LangAttribute(RespondentTexts texts) =>
        texts.Language == Language.English ? string.Empty : $" lang=\"{texts.Language.Code}\"";

    /// <summary>"Questions about this survey? Ask Dana Quality (dana@buyer.example), or reply to this email."; null when there is nobody to ask.</summary>
    internal static (string Html, string Text)? Questions(SurveySender sender, RespondentTexts? texts = null)
    {
        var t = texts ?? RespondentTexts.English;
        var name = sender.ContactName is { Length: > 0 } n ? n : null;
        var email = sender.ContactEmail is { Length: > 0 } e ? e : null;
        var reply = sender.RepliesReachBuyer;
        if (name is null && email is null)
        {
            return reply ? (t.Html("QuestionsReply"), t["QuestionsReply"]) : null;
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
        var key = reply ? "QuestionsAskOrReply" : "QuestionsAsk";
        return (t.FormatHtml(key, whoHtml), t.Format(key, whoText));
    }

    /// <summary>Encoded, its line breaks kept.</summary>
    internal static string Lines(string text) =>
        string.Join("<br>\n", text.Trim().ReplaceLineEndings("\n").Split('\n').Select(WebUtility.HtmlEncode));
}
