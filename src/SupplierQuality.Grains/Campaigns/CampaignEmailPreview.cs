using SupplierQuality.Email;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// One email of a campaign as its recipients get it, rendered by the same templates from the campaign as saved, for a
/// real supplier of its audience where there is one. Its links open the questionnaire's preview: nothing is recorded.
/// </summary>
/// <param name="Recipients">Who gets this email, in words ("each contact of the 12 suppliers").</param>
/// <param name="Sample">Whom this copy is written for ("Dana Contact at Acme Ltd").</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.CampaignEmailPreview")]
public sealed record CampaignEmailPreview(
    [property: Id(0)] string Recipients,
    [property: Id(1)] string Sample,
    [property: Id(2)] string SenderName,
    [property: Id(3)] string? ReplyToEmail,
    [property: Id(4)] string Subject,
    [property: Id(5)] string HtmlBody,
    [property: Id(6)] string TextBody,
    [property: Id(7)] string? ReplyToName);

/// <summary>What "send a test to me" did: how many emails the mail service took, or why it took none.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.CampaignTestEmails")]
public sealed record CampaignTestEmails(
    [property: Id(0)] int Sent,
    [property: Id(1)] string? Problem);

internal static class CampaignEmailPreviews
{
    /// <summary>Suppliers named in a sample evaluator digest.</summary>
    private const int DigestSamples = 3;

    /// <summary>Within the grain call's own timeout, so the page hears "not sent" rather than a timeout.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The invitation to the suppliers' contacts and, when the campaign names evaluators, theirs: a digest of every
    /// supplier they rate, or one email per supplier in a campaign opened before digests (docs/adr/0007).
    /// </summary>
    /// <param name="audience">The suppliers asked: the campaign's once it opened, else as the launch would resolve them now.</param>
    /// <param name="firstLine">Put before the intro (a test's "this is a test"); null for the email as sent.</param>
    public static async Task<List<CampaignEmailPreview>> RenderAsync(
        IGrainFactory grains, Guid campaignId, SupplierCampaignBrief brief, IReadOnlyList<Guid> audience, bool digests, string publicBaseUrl, string? firstLine = null)
    {
        var samples = (await Task.WhenAll(audience.Take(DigestSamples).Select(id => grains.GetGrain<ISupplierGrain>(id).GetAsync())))
            .OfType<SupplierDetails>()
            .ToList();
        var first = samples.Count > 0 ? samples[0] : null;
        var supplierName = first?.Name ?? "Example Supplier Ltd";
        var contactName = first is { Contacts: [{ Name: { Length: > 0 } name }, ..] } ? name : "Alex Example";

        // A test recipient follows these links: the questionnaire's preview records nothing, the campaign page explains.
        var baseUrl = publicBaseUrl.TrimEnd('/');
        var link = $"{baseUrl}/questionnaires/{brief.QuestionnaireId}/versions/{brief.QuestionnaireVersion}/preview";
        var unsubscribe = $"{baseUrl}/campaigns/{campaignId}/emails";
        // In the campaign's language: what a contact without a preferred language of their own, and every evaluator, reads.
        var language = brief.EvaluatorLanguage;
        var deadline = SurveyEmail.FormatDeadline(brief.Deadline, null, language);
        var (subject, contactIntro) = brief.TextsFor(RecipientKind.Contact, language);
        var (evaluatorSubject, colleagueIntro) = brief.TextsFor(RecipientKind.Evaluator, language);
        var senderName = OrganisationMail.SenderName(brief.Organisation, brief.BuyerName);
        var replyTo = OrganisationMail.ReplyTo(brief.Organisation);
        var intro = firstLine is null ? contactIntro : $"{firstLine}\n\n{contactIntro}";
        var evaluatorIntro = firstLine is null ? colleagueIntro : $"{firstLine}\n\n{colleagueIntro}";
        var suppliers = audience.Count == 1 ? "the supplier" : $"the {audience.Count} suppliers";

        var contact = SurveyEmail.Render(
            subject,
            intro,
            new MailTemplateValues(supplierName, contactName, deadline, link, unsubscribe, brief.BuyerName),
            brief.BuyerName,
            OrganisationMail.Sender(brief.Organisation, publicBaseUrl, RecipientKind.Contact, supplierName, brief.BuyerName, language),
            language);
        var previews = new List<CampaignEmailPreview>
        {
            new($"Each contact of {suppliers}", $"{contactName} at {supplierName}", senderName, replyTo?.Email, contact.Subject, contact.HtmlBody, contact.TextBody, replyTo?.Name),
        };

        if (brief.Evaluators.Count == 0)
        {
            return previews;
        }

        var evaluator = brief.Evaluators[0];
        var evaluators = brief.Evaluators.Count == 1 ? "the internal evaluator" : $"each of the {brief.Evaluators.Count} internal evaluators";
        RenderedEmail colleague;
        string recipients;
        if (digests)
        {
            var lines = samples.Count == 0
                ? [new DigestLine(supplierName, link, DigestFormState.NotOpened)]
                : samples.Select(s => new DigestLine(s.Name, link, DigestFormState.NotOpened)).ToList();
            colleague = EvaluatorDigestEmail.Render(
                evaluatorSubject,
                evaluatorIntro,
                evaluator.Name,
                deadline,
                lines,
                reminder: false,
                of: Math.Max(audience.Count, lines.Count),
                brief.BuyerName,
                OrganisationMail.DigestSender(brief.Organisation, publicBaseUrl, brief.BuyerName, language),
                language);
            recipients = $"{Capitalised(evaluators)}, once, listing every supplier they rate";
        }
        else
        {
            colleague = SurveyEmail.Render(
                evaluatorSubject,
                evaluatorIntro,
                new MailTemplateValues(supplierName, evaluator.Name, deadline, link, string.Empty, brief.BuyerName),
                brief.BuyerName,
                OrganisationMail.Sender(brief.Organisation, publicBaseUrl, RecipientKind.Evaluator, supplierName, brief.BuyerName, language),
                language);
            recipients = $"{Capitalised(evaluators)}, once for each supplier";
        }

        previews.Add(new CampaignEmailPreview(recipients, evaluator.Name, senderName, replyTo?.Email, colleague.Subject, colleague.HtmlBody, colleague.TextBody, replyTo?.Name));
        return previews;
    }

    /// <summary>What a test email says first, so nobody takes it for the real one.</summary>
    public static string TestLine(string campaignName) =>
        $"This is a test of the campaign \"{campaignName}\", sent to you alone. Its links open a preview of the questionnaire and record nothing.";

    /// <summary>
    /// Sends each preview (rendered with <see cref="TestLine"/>) to <paramref name="to"/> alone, "[Test]" in its
    /// subject. The message ids carry the click, so the outbox keeps one file per click; no unsubscribe header and no
    /// invitation for delivery events to record on.
    /// </summary>
    public static async Task<CampaignTestEmails> SendAsync(IMailSender mail, Guid campaignId, Guid clickId, Mailbox to, IReadOnlyList<CampaignEmailPreview> previews)
    {
        var messages = previews.Select((p, i) => new MailMessage($"campaign-test-{campaignId:N}-{clickId:N}.{i + 1}", to, $"[Test] {p.Subject}", p.HtmlBody, p.TextBody)
        {
            SenderName = p.SenderName,
            ReplyTo = p.ReplyToEmail is { } replyTo ? new Mailbox(replyTo, p.ReplyToName) : null,
        }).ToList();
        using var timeout = new CancellationTokenSource(SendTimeout);
        var results = (await mail.SendAsync(messages, timeout.Token)).Results;
        var sent = results.Count(r => r.Status == MailSendStatus.Accepted);
        return new CampaignTestEmails(
            sent,
            sent == messages.Count ? null : results.First(r => r.Status != MailSendStatus.Accepted).Reason ?? "the mail service did not take the email");
    }

    private static string Capitalised(string words) => char.ToUpperInvariant(words[0]) + words[1..];
}
