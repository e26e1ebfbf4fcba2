using System.Net;

namespace SupplierQuality.Email.Templates;

/// <summary>One answer as the form's read-back words it ("4 of 5 – Agree", the chosen options, the text typed).</summary>
/// <param name="Number">The question's number on the form.</param>
public sealed record AnswerLine(string Number, string Question, string Answer);

/// <summary>What a copy of submitted answers says besides who asks (<see cref="SurveySender"/>).</summary>
/// <param name="Version">The response version copied: 1 for the first submit.</param>
/// <param name="Link">The survey form's address: the only link token in the copy.</param>
/// <param name="Zone">The campaign's time zone, which the times are written in; null for UTC.</param>
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
    Zone? Zone = null);

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
        var subject = $"Your answers to {copy.CampaignName}".ReplaceLineEndings(" ");
        var buyer = WebUtility.HtmlEncode(copy.BuyerName);
        var why = sender.WhyAsked is { Length: > 0 } reason ? reason : null;
        var privacy = sender.PrivacyNote is { Length: > 0 } note ? note.Trim() : null;
        var questions = SurveyEmail.Questions(sender);
        var sent = $"version {copy.Version}, sent {SurveyEmail.FormatDeadline(copy.SubmittedAt, copy.Zone)}";
        var deadline = SurveyEmail.FormatDeadline(copy.Deadline, copy.Zone);
        const string Footer = "because a copy of these answers was asked for on the survey page. It went to this address only; if you did not ask for it, you can ignore it.";

        var heading = sender.LogoUrl is { Length: > 0 } logo
            ? $"""<p><img src="{WebUtility.HtmlEncode(logo)}" alt="" height="48" style="height:48px;width:auto;vertical-align:middle;margin-right:.5em"><strong>{buyer}</strong></p>"""
            : $"<p><strong>{buyer}</strong></p>";
        var answersHtml = copy.Answers.Select(a =>
            $"""<dt style="font-weight:bold">{WebUtility.HtmlEncode(a.Number)}. {WebUtility.HtmlEncode(a.Question)}</dt><dd style="margin:0 0 .75em 0">{SurveyEmail.Lines(a.Answer)}</dd>""");
        string?[] html =
        [
            "<!DOCTYPE html>",
            $"""<html><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>""",
            """<body style="font-family:sans-serif;line-height:1.5;max-width:40em">""",
            heading,
            $"<p>Dear {WebUtility.HtmlEncode(copy.RecipientName)},</p>",
            $"<p>Here is a copy of the answers you submitted to <strong>{WebUtility.HtmlEncode(copy.CampaignName)}</strong> ({sent}).</p>",
            $"<p>Supplier: <strong>{WebUtility.HtmlEncode(copy.SupplierName)}</strong>{(why is null ? "" : $"<br>\n{WebUtility.HtmlEncode(why)}")}</p>",
            $"<dl>\n{string.Join('\n', answersHtml)}\n</dl>",
            $"<p>You can change your answers until {WebUtility.HtmlEncode(deadline)}; the last answers you submit are the ones that count. The survey: {MailTemplate.Anchor(copy.Link)}</p>",
            privacy is null ? null : $"<p><strong>Who sees your answers:</strong> {SurveyEmail.Lines(privacy)}</p>",
            questions is null ? null : $"<p>{questions.Value.Html}</p>",
            $"""<p style="font-size:small;color:#555">Sent by {buyer} {Footer}</p>""",
            "</body></html>",
        ];
        var answersText = copy.Answers.Select(a =>
            $"{a.Number}. {a.Question}\n   {a.Answer.Trim().ReplaceLineEndings("\n").Replace("\n", "\n   ", StringComparison.Ordinal)}");
        string?[] text =
        [
            $"Dear {copy.RecipientName},",
            $"Here is a copy of the answers you submitted to {copy.CampaignName} ({sent}).",
            why is null ? $"Supplier: {copy.SupplierName}" : $"Supplier: {copy.SupplierName}\n{why}",
            string.Join("\n\n", answersText),
            $"You can change your answers until {deadline}; the last answers you submit are the ones that count. The survey: {copy.Link}",
            privacy is null ? null : $"Who sees your answers: {privacy}",
            questions?.Text,
            $"Sent by {copy.BuyerName} {Footer}",
        ];
        return new RenderedEmail(
            subject,
            string.Join('\n', html.OfType<string>()),
            string.Join("\n\n", text.OfType<string>()).ReplaceLineEndings("\n"));
    }
}
