using System.Net;
using SupplierQuality.Email.Languages;

namespace SupplierQuality.Email.Templates;

/// <summary>How far an evaluator has come with one supplier's form, as their digest shows it.</summary>
public enum DigestFormState
{
    NotOpened,
    Opened,

    /// <summary>A draft was saved; nothing submitted.</summary>
    InProgress,

    Submitted,
}

/// <summary>One supplier in an evaluator's digest: its name, the evaluator's personal link to its form, and that form's state.</summary>
/// <param name="New">Added since the evaluator's last invitation digest (suppliers added to a running campaign).</param>
public sealed record DigestLine(string SupplierName, string Link, DigestFormState State, bool New = false);

/// <summary>
/// The one email an internal evaluator gets per campaign (and per reminder): every supplier they are asked to rate, each
/// with its own link and the state of its form; a reminder lists only those not yet submitted. No unsubscribe line: a
/// colleague cannot opt out of their job, so the email says whom to ask instead (docs/adr/0007). The manager's subject
/// and intro for evaluators are used as written, with <c>{{supplier_name}}</c> naming the suppliers ("A, B and 3 more
/// suppliers" in the subject, "each supplier listed below" in the intro) and <c>{{link}}</c> pointing at the list.
/// </summary>
public static class EvaluatorDigestEmail
{
    /// <summary>Suppliers named one by one in a digest's subject before the rest are counted.</summary>
    private const int NamedInSubject = 2;

    /// <param name="subjectTemplate">The manager's subject for evaluators; "Reminder: " is the caller's to add.</param>
    /// <param name="introTemplate">The manager's intro for evaluators (with a hand reminder's line first, when there is one).</param>
    /// <param name="evaluatorName">{{contact_name}}: the evaluator.</param>
    /// <param name="deadline">Formatted as <see cref="SurveyEmail.FormatDeadline(DateTimeOffset, Zone?, Language?)"/> does.</param>
    /// <param name="lines">The suppliers listed, in order; for a reminder only those still to answer.</param>
    /// <param name="reminder">A reminder: the list is headed as what is still to do.</param>
    /// <param name="of">How many suppliers the evaluator is asked to rate in all (a reminder lists fewer).</param>
    /// <param name="senderName">The buying company.</param>
    /// <param name="sender">Logo, why asked, contact person, privacy note; <see cref="SurveySender.Colleague"/> is implied.</param>
    /// <param name="language">The evaluator's language (the campaign's), which the email's own lines are written in; null for English.</param>
    public static RenderedEmail Render(
        string subjectTemplate,
        string introTemplate,
        string evaluatorName,
        string deadline,
        IReadOnlyList<DigestLine> lines,
        bool reminder,
        int of,
        string senderName,
        SurveySender? sender = null,
        Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfZero(lines.Count);
        sender ??= new SurveySender();
        var t = RespondentTexts.For(language);
        var single = lines.Count == 1 ? lines[0] : null;
        var subject = MailTemplate.RenderSubject(
            subjectTemplate, new MailTemplateValues(SubjectNames(lines, t), evaluatorName, deadline, single?.Link ?? t["TheLinksInThisEmail"], string.Empty, senderName));
        var introValues = new MailTemplateValues(
            single?.SupplierName ?? t["EachSupplierBelow"], evaluatorName, deadline, single?.Link ?? t["TheLinksBelow"], string.Empty, senderName);
        var buyer = WebUtility.HtmlEncode(senderName);
        var heading = reminder ? t.Format("DigestStillToRate", lines.Count, of) : t.Format("DigestToRate", lines.Count);
        var why = sender.WhyAsked is { Length: > 0 } reason ? reason : null;
        var privacy = sender.PrivacyNote is { Length: > 0 } note ? note.Trim() : null;
        var questions = SurveyEmail.Questions(sender, t);
        var ask = WhomToAsk(sender, senderName, lines.Count == 1 ? lines[0].SupplierName : t["TheseSuppliers"], language);
        var logo = sender.LogoUrl is { Length: > 0 } url
            ? $"""<img src="{WebUtility.HtmlEncode(url)}" alt="" height="48" style="height:48px;width:auto;vertical-align:middle;margin-right:.5em">"""
            : string.Empty;

        string?[] html =
        [
            "<!DOCTYPE html>",
            $"""<html{SurveyEmail.LangAttribute(t)}><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>""",
            """<body style="font-family:sans-serif;line-height:1.5;max-width:40em">""",
            $"<p>{logo}<strong>{buyer}</strong></p>",
            MailTemplate.RenderHtml(introTemplate, introValues),
            why is null ? null : $"<p>{WebUtility.HtmlEncode(why)}</p>",
            $"""<h2 style="font-size:1.1em">{WebUtility.HtmlEncode(heading)}</h2>""",
            """<ul style="padding-left:1.2em">""",
            string.Join('\n', lines.Select(l => LineHtml(l, t))),
            "</ul>",
            $"<p>{t.FormatHtml("DigestAnswerBy", WebUtility.HtmlEncode(deadline))}</p>",
            privacy is null ? null : $"<p><strong>{t.Html("WhoSees")}</strong> {string.Join("<br>\n", privacy.ReplaceLineEndings("\n").Split('\n').Select(WebUtility.HtmlEncode))}</p>",
            questions is null ? null : $"<p>{questions.Value.Html}</p>",
            $"""<p style="font-size:small;color:#555">{t.FormatHtml("SentBy", buyer)} {ask.Html}</p>""",
            "</body></html>",
        ];
        string?[] text =
        [
            MailTemplate.RenderText(introTemplate, introValues).Trim(),
            why,
            $"{heading}:",
            string.Join("\n\n", lines.Select(l => $"{l.SupplierName}{(l.New ? " " + t["DigestNew"] : string.Empty)}: {Words(l.State, t)}\n{l.Link}")),
            t.Format("DigestAnswerBy", deadline),
            privacy is null ? null : $"{t["WhoSees"]} {privacy}",
            questions?.Text,
            $"{t.Format("SentBy", senderName)} {ask.Text}",
        ];
        return new RenderedEmail(
            subject,
            string.Join('\n', html.OfType<string>()),
            string.Join("\n\n", text.OfType<string>()).ReplaceLineEndings("\n"));
    }

    /// <summary>
    /// "If you should not be rating these suppliers, ask Dana Quality (dana@buyer.example)." in place of an unsubscribe
    /// line; whom to ask falls back to replying, then to the buying company's quality team.
    /// </summary>
    /// <param name="what">"these suppliers", or the one supplier's name.</param>
    /// <param name="language">The reader's language; null for English.</param>
    public static (string Html, string Text) WhomToAsk(SurveySender sender, string buyerName, string what, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var t = RespondentTexts.For(language);
        var name = sender.ContactName is { Length: > 0 } n ? n : null;
        var email = sender.ContactEmail is { Length: > 0 } e ? e : null;
        var mailto = email is null ? null : $"<a href=\"mailto:{WebUtility.HtmlEncode(email)}\">{WebUtility.HtmlEncode(email)}</a>";
        var whatHtml = WebUtility.HtmlEncode(what);
        return (name, email) switch
        {
            (not null, not null) => (t.FormatHtml("AskWhom", whatHtml, $"{WebUtility.HtmlEncode(name)} ({mailto})"), t.Format("AskWhom", what, $"{name} ({email})")),
            (not null, null) => (t.FormatHtml("AskWhom", whatHtml, WebUtility.HtmlEncode(name)), t.Format("AskWhom", what, name)),
            (null, not null) => (t.FormatHtml("AskWhom", whatHtml, mailto), t.Format("AskWhom", what, email)),
            _ when sender.RepliesReachBuyer => (t.FormatHtml("AskReply", whatHtml), t.Format("AskReply", what)),
            _ => (t.FormatHtml("AskTeam", whatHtml, WebUtility.HtmlEncode(buyerName)), t.Format("AskTeam", what, buyerName)),
        };
    }

    /// <summary>A form's state in words, as the evaluator reads it.</summary>
    public static string Words(DigestFormState state, RespondentTexts? texts = null)
    {
        var t = texts ?? RespondentTexts.English;
        return state switch
        {
            DigestFormState.NotOpened => t["DigestNotOpened"],
            DigestFormState.Opened => t["DigestOpened"],
            DigestFormState.InProgress => t["DigestInProgress"],
            _ => t["DigestSubmitted"],
        };
    }

    /// <summary>"Acme", "Acme and Bolt", "Acme, Bolt and 3 more suppliers".</summary>
    private static string SubjectNames(IReadOnlyList<DigestLine> lines, RespondentTexts t) => lines.Count switch
    {
        1 => lines[0].SupplierName,
        2 => t.Format("NamesTwo", lines[0].SupplierName, lines[1].SupplierName),
        3 => t.Format("NamesThree", lines[0].SupplierName, lines[1].SupplierName, lines[2].SupplierName),
        _ => t.Format("NamesMore", string.Join(", ", lines.Take(NamedInSubject).Select(l => l.SupplierName)), lines.Count - NamedInSubject),
    };

    private static string LineHtml(DigestLine line, RespondentTexts t)
    {
        var name = WebUtility.HtmlEncode(line.SupplierName);
        var action = line.State switch
        {
            DigestFormState.Submitted => t.FormatHtml("DigestSeeOrChange", name),
            DigestFormState.InProgress => t.FormatHtml("DigestGoOn", name),
            _ => t.FormatHtml("DigestRate", name),
        };
        var link = WebUtility.HtmlEncode(line.Link);
        return $"""<li style="margin-bottom:.8em"><strong>{name}</strong>{(line.New ? " " + t.Html("DigestNew") : string.Empty)}: {RespondentTexts.Encode(Words(line.State, t))}<br><a href="{link}">{action}</a></li>""";
    }
}
