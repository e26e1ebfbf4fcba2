using System.Net;
using SupplierQuality.Email.Languages;

namespace SupplierQuality.Email.Templates;

/// <summary>One answer as the form's read-back words it ("4 of 5 – Agree", the chosen options, the text typed).</summary>
/// <param name="Number">The question's number on the form.</param>
public sealed record AnswerLine(string Number, string Question, string Answer);

/// <summary>What a copy of submitted answers says besides who asks (<see cref="SurveySender"/>).</summary>
/// <param name="Version">The response version copied: 1 for the first submit.</param>
/// <param name="Link">The survey form's address: the only link token in the copy.</param>
/// <param name="Zone">The campaign's time zone, which the times are written in; null for UTC.</param>
/// <param name="Language">The language of the page the copy was asked for on; null for English.</param>
public sealed record AnswerCopy(
    string BuyerName,
    string CampaignName,
    string SupplierName,
    string RecipientName,
    int Version,
    DateTimeOffset SubmittedAt,
    DateTimeOffset Deadline,
    string Link,
    IReadOnlyList<AnswerLine> Answers,
    Zone? Zone = null,
    Language? Language = null);

/// <summary>
/// The email a respondent asks for on the form's thank-you page: every answer as submitted, the survey link to change
/// them until the deadline, and who asks in the words of the survey email (<see cref="SurveyEmail"/>). No unsubscribe
/// link: it is sent once per request, to the person who asked.
/// </summary>
public static class AnswerCopyEmail
{
    public static RenderedEmail Render(AnswerCopy copy, SurveySender? sender = null)
    {
        ArgumentNullException.ThrowIfNull(copy);
        sender ??= new SurveySender();
        var t = RespondentTexts.For(copy.Language);
        var subject = t.Format("CopySubject", copy.CampaignName).ReplaceLineEndings(" ");
        var buyer = WebUtility.HtmlEncode(copy.BuyerName);
        var why = sender.WhyAsked is { Length: > 0 } reason ? reason : null;
        var privacy = sender.PrivacyNote is { Length: > 0 } note ? note.Trim() : null;
        var questions = SurveyEmail.Questions(sender, t);
        var sent = t.Format("CopyVersion", copy.Version, SurveyEmail.FormatDeadline(copy.SubmittedAt, copy.Zone, copy.Language));
        var deadline = SurveyEmail.FormatDeadline(copy.Deadline, copy.Zone, copy.Language);

        var heading = sender.LogoUrl is { Length: > 0 } logo
            ? $"""<p><img src="{WebUtility.HtmlEncode(logo)}" alt="" height="48" style="height:48px;width:auto;vertical-align:middle;margin-right:.5em"><strong>{buyer}</strong></p>"""
            : $"<p><strong>{buyer}</strong></p>";
        var answersHtml = copy.Answers.Select(a =>
            $"""<dt style="font-weight:bold">{WebUtility.HtmlEncode(a.Number)}. {WebUtility.HtmlEncode(a.Question)}</dt><dd style="margin:0 0 .75em 0">{SurveyEmail.Lines(a.Answer)}</dd>""");
        string?[] html =
        [
            "<!DOCTYPE html>",
            $"""<html{SurveyEmail.LangAttribute(t)}><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>""",
            """<body style="font-family:sans-serif;line-height:1.5;max-width:40em">""",
            heading,
            $"<p>{t.FormatHtml("Dear", WebUtility.HtmlEncode(copy.RecipientName))}</p>",
            $"<p>{t.FormatHtml("CopyHere", $"<strong>{WebUtility.HtmlEncode(copy.CampaignName)}</strong>", sent)}</p>",
            $"<p>{t.FormatHtml("Supplier", $"<strong>{WebUtility.HtmlEncode(copy.SupplierName)}</strong>")}{(why is null ? "" : $"<br>\n{WebUtility.HtmlEncode(why)}")}</p>",
            $"<dl>\n{string.Join('\n', answersHtml)}\n</dl>",
            $"<p>{t.FormatHtml("CopyChangeUntil", WebUtility.HtmlEncode(deadline), MailTemplate.Anchor(copy.Link))}</p>",
            privacy is null ? null : $"<p><strong>{t.Html("WhoSees")}</strong> {SurveyEmail.Lines(privacy)}</p>",
            questions is null ? null : $"<p>{questions.Value.Html}</p>",
            $"""<p style="font-size:small;color:#555">{t.FormatHtml("CopyFooter", buyer)}</p>""",
            "</body></html>",
        ];
        var answersText = copy.Answers.Select(a =>
            $"{a.Number}. {a.Question}\n   {a.Answer.Trim().ReplaceLineEndings("\n").Replace("\n", "\n   ", StringComparison.Ordinal)}");
        string?[] text =
        [
            t.Format("Dear", copy.RecipientName),
            t.Format("CopyHere", copy.CampaignName, sent),
            why is null ? t.Format("Supplier", copy.SupplierName) : $"{t.Format("Supplier", copy.SupplierName)}\n{why}",
            string.Join("\n\n", answersText),
            t.Format("CopyChangeUntil", deadline, copy.Link),
            privacy is null ? null : $"{t["WhoSees"]} {privacy}",
            questions?.Text,
            t.Format("CopyFooter", copy.BuyerName),
        ];
        return new RenderedEmail(
            subject,
            string.Join('\n', html.OfType<string>()),
            string.Join("\n\n", text.OfType<string>()).ReplaceLineEndings("\n"));
    }
}
