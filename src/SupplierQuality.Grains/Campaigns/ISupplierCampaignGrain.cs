using Orleans.Concurrency;
using SupplierQuality.Email.Languages;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Scorecards;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// One supplier's part of one campaign, keyed by the campaign id and the supplier id (see
/// <see cref="SupplierCampaigns.GetSupplierCampaign"/>). State: the supplier's invitations (its contacts and the
/// campaign's evaluators), each one's mail sent and waiting, and the latest response applied from each; the running
/// aggregate is computed from those. Bounded by the supplier's contacts.
/// </summary>
[Alias("SupplierQuality.Campaigns.ISupplierCampaignGrain")]
public interface ISupplierCampaignGrain : IGrainWithGuidCompoundKey
{
    /// <summary>
    /// Makes sure the mail of <paramref name="pass"/> is waiting for every invitation it concerns (issuing the
    /// invitations first on <see cref="MailPass.Invite"/>), writes that intent durably, and returns every email now
    /// waiting, rendered. Repeating a pass adds nothing: each email has a fixed id and is sent once.
    /// </summary>
    [Alias("PrepareMail")]
    Task<IReadOnlyList<PendingMail>> PrepareMailAsync(SupplierCampaignBrief brief, MailPass pass, int reminderNumber);

    /// <summary>
    /// <see cref="PrepareMailAsync"/>, and when <see cref="SupplierCampaignBrief.EvaluatorDigests"/> is set the
    /// evaluators' invitations go not as emails of their own but as <see cref="PreparedMail.ForDigests"/>: each waits
    /// ("invite") until its evaluator's digest (<see cref="IEvaluatorDigestGrain"/>) is sent or refused, and reminder
    /// passes leave evaluators to their digests.
    /// </summary>
    [Alias("PrepareMails")]
    Task<PreparedMail> PrepareMailsAsync(SupplierCampaignBrief brief, MailPass pass, int reminderNumber);

    /// <summary>Records what the mail service said about the emails returned by <see cref="PrepareMailAsync"/>.</summary>
    [Alias("MarkSent")]
    Task MarkSentAsync(IReadOnlyList<MailOutcome> outcomes);

    /// <summary>
    /// Queues one invitation's email again, at most <see cref="InvitationEntry.MaxResends"/> times, once per
    /// <see cref="ResendRequest.ClickId"/>; never to a suppressed address, nor to someone who answered unless asked.
    /// </summary>
    [Alias("QueueResendRequest")]
    Task<ResendAnswer> QueueResendAsync(ResendRequest request);

    /// <summary>Moves every invitation's deadline.</summary>
    [Alias("SetDeadline")]
    Task SetDeadlineAsync(DateTimeOffset deadline);

    /// <summary>Makes every form read-only, saying why, and drops waiting mail.</summary>
    [Alias("CloseAs")]
    Task CloseAsync(InvitationEnding ending);

    /// <summary>
    /// An invitation's news: its status, delivery and latest response. Older revisions are ignored. One-way, so an
    /// invitation never waits on this grain, which may be in the middle of a call to that invitation.
    /// </summary>
    [Alias("UpdateInvitation"), OneWay]
    Task UpdateInvitationAsync(InvitationProgress progress);

    /// <summary>Reads every invitation again, replacing what reports may have missed (the rebuild path).</summary>
    [Alias("Recount")]
    Task<SupplierProgress> RecountAsync();

    /// <summary>
    /// Recounts, then stores this campaign's line on the supplier's scorecard and waits for it (the rebuild path; the
    /// incremental path reports one-way on every change of responses).
    /// </summary>
    [Alias("PublishScores")]
    Task PublishScoresAsync();

    /// <summary>The supplier's invitations and aggregate, or null before the campaign reached this supplier.</summary>
    [Alias("Get")]
    Task<SupplierCampaignDetails?> GetAsync();
}

[GenerateSerializer, Alias("SupplierQuality.Campaigns.ResendOutcome")]
public enum ResendOutcome
{
    Queued = 0,

    /// <summary>A resend of this invitation is already waiting to go.</summary>
    AlreadyWaiting = 1,

    LimitReached = 2,

    /// <summary>The invitation is not this supplier's in this campaign.</summary>
    NotFound = 3,

    /// <summary>This click was carried out before (a double-click, a form posted again): nothing more was queued.</summary>
    AlreadyDone = 4,

    /// <summary>The recipient has answered and the request did not say to send anyway.</summary>
    Answered = 5,

    /// <summary>The address unsubscribed, bounced or reported spam: no survey mail goes to it.</summary>
    Suppressed = 6,
}

/// <summary>
/// A manager's request to send one invitation's email again. <paramref name="ClickId"/> comes with the button (or the
/// API's Idempotency-Key), so the same click carried twice queues one email.
/// </summary>
/// <param name="EvenIfAnswered">Send to a recipient who has answered: only when the manager said so in so many words.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.ResendRequest")]
public sealed record ResendRequest(
    [property: Id(0)] string InvitationKey,
    [property: Id(1)] Guid ClickId,
    [property: Id(2)] bool EvenIfAnswered = false);

/// <summary>What a resend request did, with the recipient's address and, when suppressed, why.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.ResendAnswer")]
public sealed record ResendAnswer(
    [property: Id(0)] ResendOutcome Outcome,
    [property: Id(1)] string Email = "",
    [property: Id(2)] string? SuppressedBecause = null)
{
    /// <summary>What the request did, in words for the manager who clicked.</summary>
    public string Message => Outcome switch
    {
        ResendOutcome.Queued => $"The invitation to {Email} is being sent again.",
        ResendOutcome.AlreadyDone => $"The invitation to {Email} was sent again once for this click; the repeated click sent nothing more.",
        ResendOutcome.AlreadyWaiting => $"Nothing more was sent: a resend to {Email} is already waiting to go.",
        ResendOutcome.LimitReached => $"Nothing was sent: the invitation to {Email} was sent again {InvitationEntry.MaxResends} times already, the most allowed.",
        ResendOutcome.Answered => $"Nothing was sent: {Email} has already answered. To send their link anyway, say so (\"send although they answered\").",
        ResendOutcome.Suppressed => $"Nothing was sent: no survey mail goes to {Email} ({MailSuppression.Describe(SuppressedBecause ?? "suppressed")}).",
        _ => "Nothing was sent: this invitation is not part of the campaign.",
    };
}

/// <summary>Which emails a pass sends.</summary>
[GenerateSerializer, Alias("SupplierQuality.Campaigns.MailPass")]
public enum MailPass
{
    /// <summary>Only what is already waiting (a retry).</summary>
    Waiting = 0,

    /// <summary>The invitation to every recipient.</summary>
    Invite = 1,

    /// <summary>A reminder to every recipient who has not submitted, has not unsubscribed and whose mail did not bounce.</summary>
    Remind = 2,

    /// <summary>The same recipients as <see cref="Remind"/>, reminded by a manager's hand, with its personal line.</summary>
    RemindNow = 3,
}

/// <summary>What a supplier's campaign needs of its campaign to issue invitations and write their emails.</summary>
/// <param name="Subject">The subject of the email to the supplier's contacts; <paramref name="Intro"/> its intro.</param>
/// <param name="EvaluatorSubject">The subject of the email to the evaluators; <paramref name="EvaluatorIntro"/> its intro.</param>
/// <param name="Organisation">The organisation as the campaign read it for this batch (logo, contact, privacy note, reply-to); null for none.</param>
/// <param name="EvaluatorDigests">Evaluators get one digest per campaign and reminder, not an email per supplier (docs/adr/0007).</param>
/// <param name="TimeZone">The campaign's time zone, which the emails and forms write the deadline in; null from a node that had none (UTC).</param>
/// <param name="Language">The campaign's language code: the evaluators', and a contact's without one of their own; null for English.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.SupplierCampaignBrief")]
public sealed record SupplierCampaignBrief(
    [property: Id(0)] string CampaignName,
    [property: Id(1)] string BuyerName,
    [property: Id(2)] Guid QuestionnaireId,
    [property: Id(3)] int QuestionnaireVersion,
    [property: Id(4)] DateTimeOffset Deadline,
    [property: Id(5)] string Subject,
    [property: Id(6)] string Intro,
    [property: Id(7)] IReadOnlyList<Evaluator> Evaluators,
    [property: Id(8)] string EvaluatorSubject,
    [property: Id(9)] string EvaluatorIntro,
    [property: Id(10)] IReadOnlyList<string>? HandReminders = null,
    [property: Id(11)] OrganisationDetails? Organisation = null,
    [property: Id(12)] bool EvaluatorDigests = false,
    [property: Id(13)] string? TimeZone = null,
    [property: Id(14)] string? Language = null)
{
    /// <summary>The zone the deadline is written in for respondents.</summary>
    public Zone Zone => Zone.OrUtc(TimeZone);

    /// <summary>The personal line of hand reminder <paramref name="number"/> (from 1), or empty.</summary>
    public string HandReminderLine(int number) =>
        HandReminders is { } lines && number >= 1 && number <= lines.Count ? lines[number - 1] : string.Empty;

    /// <summary>The subject and intro written for the recipient's group.</summary>
    public (string Subject, string Intro) TextsFor(RecipientKind kind) =>
        kind == RecipientKind.Evaluator ? (EvaluatorSubject, EvaluatorIntro) : (Subject, Intro);

    /// <summary>The subject and intro for the recipient's group, a default text in the recipient's language (<see cref="SurveyTexts.In"/>).</summary>
    public (string Subject, string Intro) TextsFor(RecipientKind kind, Language language)
    {
        var (subject, intro) = TextsFor(kind);
        return (SurveyTexts.In(subject, language), SurveyTexts.In(intro, language));
    }

    /// <summary>The evaluators' language: the campaign's.</summary>
    public Language EvaluatorLanguage => Email.Languages.Language.FirstOf(Language);
}

/// <summary>An email waiting to be sent, rendered.</summary>
/// <param name="MessageId">
/// Fixed per invitation and purpose ("{invitation}.invite", ".reminder-1", ".resend-1"): the mail service's idempotency
/// key and the id delivery events come back with.
/// </param>
/// <param name="InvitationKey">The invitation it is about; for an evaluator's digest, the digest's key (<see cref="EvaluatorDigest.Key"/>).</param>
/// <param name="Purpose">Why it is sent ("invite", "reminder-1", "resend-1"), as the supplier's campaign (or the digest) keeps it.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.PendingMail")]
public sealed record PendingMail(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string InvitationKey,
    [property: Id(2)] string ToEmail,
    [property: Id(3)] string ToName,
    [property: Id(4)] string Subject,
    [property: Id(5)] string HtmlBody,
    [property: Id(6)] string TextBody,
    [property: Id(7)] string UnsubscribeUrl,
    [property: Id(8)] string Purpose);

/// <summary>
/// What a supplier's campaign prepared for one pass: the emails to send, and the evaluators' invitations waiting for their
/// digests (<see cref="ISupplierCampaignGrain.PrepareMailsAsync"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.PreparedMail")]
public sealed record PreparedMail(
    [property: Id(0)] IReadOnlyList<PendingMail> Mails,
    [property: Id(1)] IReadOnlyList<DigestItem> ForDigests);

/// <summary>One evaluator's invitation to rate one supplier, as a line of that evaluator's digest.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.DigestItem")]
public sealed record DigestItem(
    [property: Id(0)] string EvaluatorEmail,
    [property: Id(1)] string EvaluatorName,
    [property: Id(2)] string InvitationKey,
    [property: Id(3)] Guid SupplierId,
    [property: Id(4)] string SupplierName);

/// <summary>What the mail service said about one email (<see cref="PendingMail"/>: its invitation and purpose).</summary>
/// <remarks>Id 0 (the message id, parsed back into these two) is retired.</remarks>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.MailOutcome")]
public sealed record MailOutcome(
    [property: Id(4)] string InvitationKey,
    [property: Id(5)] string Purpose,
    [property: Id(1)] MailOutcomeKind Kind,
    [property: Id(2)] string? Reason,
    [property: Id(3)] DateTimeOffset At);

[GenerateSerializer, Alias("SupplierQuality.Campaigns.MailOutcomeKind")]
public enum MailOutcomeKind
{
    Accepted = 0,

    /// <summary>Refused for good (a malformed address, for example): not sent again.</summary>
    Rejected = 1,

    /// <summary>Not taken now: stays waiting.</summary>
    RetryLater = 2,
}

/// <summary>One invitation as the campaign page shows it.</summary>
/// <param name="Sent">The purposes of the emails sent ("invite", "reminder-1"); <paramref name="Waiting"/> those not yet.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.InvitationLine")]
public sealed record InvitationLine(
    [property: Id(0)] string InvitationKey,
    [property: Id(1)] RecipientKind Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] string Email,
    [property: Id(4)] InvitationStatus Status,
    [property: Id(5)] MailDelivery Delivery,
    [property: Id(6)] int ResponseVersion,
    [property: Id(7)] decimal? Score,
    [property: Id(8)] IReadOnlyList<string> Sent,
    [property: Id(9)] IReadOnlyList<string> Waiting,
    [property: Id(10)] string? Problem,
    [property: Id(11)] bool Unsubscribed = false,
    [property: Id(12)] bool SpamReported = false);

/// <summary>One respondent group's aggregate of a supplier's latest responses in one campaign, with its dimension means.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.GroupAggregate")]
public sealed record GroupAggregate(
    [property: Id(0)] GroupResult Result,
    [property: Id(1)] IReadOnlyList<DimensionResult> Dimensions);

[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.SupplierCampaignDetails")]
public sealed record SupplierCampaignDetails(
    [property: Id(0)] Guid CampaignId,
    [property: Id(1)] Guid SupplierId,
    [property: Id(2)] string SupplierName,
    [property: Id(3)] IReadOnlyList<InvitationLine> Invitations,
    [property: Id(5)] SupplierProgress Progress,
    [property: Id(6)] IReadOnlyList<string> Skipped,
    [property: Id(7)] IReadOnlyList<GroupAggregate> Groups);

public static class SupplierCampaigns
{
    public static ISupplierCampaignGrain GetSupplierCampaign(this IGrainFactory grains, Guid campaignId, Guid supplierId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<ISupplierCampaignGrain>(campaignId, supplierId.ToString("N"));
    }
}
