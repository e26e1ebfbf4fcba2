using SupplierQuality.Email.Languages;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Grains.Invitations;

/// <summary>
/// Creates the invitation behind one link. The campaign sends the same command again on a retry, which changes
/// nothing; a different command for the same token is a conflict.
/// </summary>
/// <param name="Kind">The respondent group: a contact of the supplier, or an internal evaluator rating it.</param>
/// <param name="SupplierName">The supplier asked about, named on the form.</param>
/// <param name="Intro">The campaign's intro for <paramref name="Kind"/> (a template, see SupplierQuality.Email.Templates.MailTemplate), shown on the form.</param>
/// <param name="TimeZone">The campaign's time zone, which the form writes times in; null for UTC.</param>
/// <param name="Language">The recipient's language code, resolved when the invitation is made (the contact's, else the campaign's); null for English.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.IssueInvitation")]
public sealed record IssueInvitation(
    [property: Id(0)] Guid CampaignId,
    [property: Id(1)] Guid SupplierId,
    [property: Id(2)] string RecipientName,
    [property: Id(3)] string RecipientEmail,
    [property: Id(4)] Guid QuestionnaireId,
    [property: Id(5)] int QuestionnaireVersion,
    [property: Id(6)] string BuyerName,
    [property: Id(7)] string CampaignName,
    [property: Id(8)] DateTimeOffset Deadline,
    [property: Id(9)] RecipientKind Kind = RecipientKind.Contact,
    [property: Id(10)] string SupplierName = "",
    [property: Id(11)] string Intro = "",
    [property: Id(12)] string? TimeZone = null,
    [property: Id(13)] string? Language = null);

/// <summary>Where an invitation stands. Stored and sent by name.</summary>
[GenerateSerializer, Alias("SupplierQuality.Invitations.InvitationStatus")]
public enum InvitationStatus
{
    Issued = 0,

    /// <summary>The form was shown at least once.</summary>
    Opened = 1,

    /// <summary>A draft was saved; nothing submitted yet.</summary>
    InProgress = 2,

    /// <summary>At least one response was submitted (later edits keep this status).</summary>
    Submitted = 3,

    /// <summary>
    /// Ended before this release kept the status apart from the ending (see <see cref="InvitationEnding"/>): stored
    /// invitations may still say so; nothing sets it now.
    /// </summary>
    Closed = 4,
}

/// <summary>Why a form no longer takes answers, so the respondent reads the right words.</summary>
[GenerateSerializer, Alias("SupplierQuality.Invitations.InvitationEnding")]
public enum InvitationEnding
{
    /// <summary>Open, or past its deadline without being closed (the deadline alone ends it).</summary>
    None = 0,

    /// <summary>The campaign closed at its deadline.</summary>
    Deadline = 1,

    /// <summary>The campaign was closed before its deadline; the answers given count.</summary>
    ClosedEarly = 2,

    /// <summary>The campaign was called off.</summary>
    Cancelled = 3,
}

[GenerateSerializer, Alias("SupplierQuality.Invitations.InvitationOutcome")]
public enum InvitationOutcome
{
    /// <summary>The invitation was created by this command.</summary>
    Created,

    /// <summary>Done, or had been done already.</summary>
    Ok,

    /// <summary>No invitation has this key.</summary>
    NotFound,

    /// <summary>Issue: the invitation exists with other details. Nothing was written.</summary>
    Conflict,

    /// <summary>The answers or the command break a rule; see <see cref="InvitationResult.Errors"/>. Nothing was written.</summary>
    Invalid,

    /// <summary>After the deadline or cancelled: nothing can be saved or submitted.</summary>
    Closed,

    /// <summary>
    /// Submit: another submission replaced the version the answers were based on. Nothing was written;
    /// <see cref="InvitationResult.Response"/> holds the current response.
    /// </summary>
    Replaced,
}

/// <summary>The 0-100 score of one dimension in one response: the mean of <paramref name="Answered"/> scored answers.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.DimensionScore")]
public sealed record DimensionScore(
    [property: Id(0)] string DimensionId,
    [property: Id(1)] decimal Score,
    [property: Id(2)] int Answered);

/// <summary>Net Promoter category of a 0-10 answer: promoters 9-10, passives 7-8, detractors 0-6.</summary>
[GenerateSerializer, Alias("SupplierQuality.Invitations.NpsCategory")]
public enum NpsCategory
{
    Detractor = 0,
    Passive = 1,
    Promoter = 2,
}

[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.NpsAnswer")]
public sealed record NpsAnswer(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] int Rating,
    [property: Id(2)] NpsCategory Category);

/// <summary>
/// A response's scores: per dimension it answered (questionnaire order), the weighted overall score (null when it
/// answered no scored question) and the answers to NPS questions.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.ResponseScores")]
public sealed record ResponseScores(
    [property: Id(0)] decimal? Overall,
    [property: Id(1)] IReadOnlyList<DimensionScore> Dimensions,
    [property: Id(2)] IReadOnlyList<NpsAnswer> Nps)
{
    public bool Equals(ResponseScores? other) =>
        other is not null && Overall == other.Overall && Dimensions.SequenceEqual(other.Dimensions) && Nps.SequenceEqual(other.Nps);

    public override int GetHashCode() => HashCode.Combine(Overall, Dimensions.Count, Nps.Count);
}

/// <summary>One submitted version of the response. Version numbers start at 1; each edit adds one.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.SubmittedResponse")]
public sealed record SubmittedResponse(
    [property: Id(0)] int Version,
    [property: Id(1)] IReadOnlyDictionary<string, string[]> Answers,
    [property: Id(2)] DateTimeOffset SubmittedAt,
    [property: Id(3)] ResponseScores Scores)
{
    // Value equality over the answers too, so a response read back equals the one submitted.
    public bool Equals(SubmittedResponse? other) =>
        other is not null
        && Version == other.Version
        && SubmittedAt == other.SubmittedAt
        && Scores.Equals(other.Scores)
        && Answers.Count == other.Answers.Count
        && Answers.All(a => other.Answers.TryGetValue(a.Key, out var values) && a.Value.SequenceEqual(values));

    public override int GetHashCode() => HashCode.Combine(Version, SubmittedAt, Answers.Count);
}

/// <summary>
/// The latest submitted version of one invitation's response, as the campaign's readers see it: the answers by question
/// id (see <see cref="IInvitationGrain"/>), the questionnaire version they answer, and their scores.
/// </summary>
/// <param name="Version">1 for the first submit; each edit adds one.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.InvitationResponse")]
public sealed record InvitationResponse(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset SubmittedAt,
    [property: Id(2)] IReadOnlyDictionary<string, string[]> Answers,
    [property: Id(3)] Guid QuestionnaireId,
    [property: Id(4)] int QuestionnaireVersion,
    [property: Id(5)] ResponseScores Scores);

/// <summary>What the supplier's form needs: the invitation, the questions and the answers to show.</summary>
/// <param name="Kind">The respondent group; null for an invitation issued before it was recorded (the form then speaks to no group).</param>
/// <param name="SupplierName">The supplier asked about; empty when not recorded.</param>
/// <param name="Intro">The campaign's intro for the group, a template with placeholders; empty when not recorded.</param>
/// <param name="TimeZone">The campaign's time zone, which the form writes times in; null for UTC (see <see cref="Zone"/>).</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.InvitationForm")]
public sealed record InvitationForm(
    [property: Id(0)] InvitationStatus Status,
    [property: Id(1)] string BuyerName,
    [property: Id(2)] string CampaignName,
    [property: Id(3)] string RecipientName,
    [property: Id(4)] DateTimeOffset Deadline,
    [property: Id(5)] bool IsClosed,
    [property: Id(6)] QuestionnaireVersion Questionnaire,
    [property: Id(7)] IReadOnlyDictionary<string, string[]>? Draft,
    [property: Id(8)] DateTimeOffset? DraftSavedAt,
    [property: Id(9)] SubmittedResponse? Submitted,
    [property: Id(10)] Guid CampaignId,
    [property: Id(11)] RecipientKind? Kind,
    [property: Id(12)] string SupplierName,
    [property: Id(13)] string Intro,
    [property: Id(14)] InvitationEnding Ending = InvitationEnding.None,
    [property: Id(15)] AnswerCopyStatus? Copies = null,
    [property: Id(16)] string? TimeZone = null,
    [property: Id(17)] string? Language = null,
    [property: Id(18)] Guid QuestionnaireId = default)
{
    /// <summary>The campaign's zone: the deadline and every time on the form are written in it, with its offset.</summary>
    public Zone Zone => Zone.OrUtc(TimeZone);

    /// <summary>
    /// The intro as HTML paragraphs with the recipient's values in place, as the email put it (everything encoded); empty
    /// when the invitation has none. <paramref name="token"/> is the form's own link token.
    /// </summary>
    /// <param name="language">The language the form is shown in: a default intro is shown in it (<see cref="SurveyTexts.In"/>), and the deadline.</param>
    public string IntroHtml(string publicBaseUrl, string token, Language? language = null) =>
        Intro.Length == 0
            ? string.Empty
            : MailTemplate.RenderHtml(SurveyTexts.In(Intro, language), new MailTemplateValues(
                SupplierName,
                RecipientName,
                SurveyEmail.FormatDeadline(Deadline, Zone, language),
                InvitationLinks.SurveyUrl(publicBaseUrl, token),
                InvitationLinks.UnsubscribeUrl(publicBaseUrl, token),
                BuyerName));
}

/// <summary>Where a copy of the submitted answers would go, and whether one may be sent (see <see cref="IInvitationGrain.SendAnswerCopyAsync"/>).</summary>
/// <param name="Email">The invitation's own address: the only one a copy ever goes to.</param>
/// <param name="Sent">Copies sent so far; at most <see cref="InvitationState.MaxAnswerCopies"/>.</param>
/// <param name="Suppressed">Why no mail may go to the address (a <see cref="Mail.MailSuppression"/> reason), or null.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.AnswerCopyStatus")]
public sealed record AnswerCopyStatus(
    [property: Id(0)] string Email,
    [property: Id(1)] int Sent,
    [property: Id(2)] string? Suppressed)
{
    public int Left => Math.Max(0, InvitationState.MaxAnswerCopies - Sent);
}

/// <summary>
/// A copy of the submitted answers, rendered by the form's page (which words answers as its read-back does); the
/// invitation adds the recipient.
/// </summary>
/// <param name="RequestId">One per click: the same id again sends nothing more.</param>
/// <param name="SenderName">The sender's display name when the configuration names none.</param>
/// <param name="ReplyToEmail">Where replies go; null for the sender's address.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.AnswerCopyRequest")]
public sealed record AnswerCopyRequest(
    [property: Id(0)] Guid RequestId,
    [property: Id(1)] string Subject,
    [property: Id(2)] string HtmlBody,
    [property: Id(3)] string TextBody,
    [property: Id(4)] string? SenderName = null,
    [property: Id(5)] string? ReplyToEmail = null,
    [property: Id(6)] string? ReplyToName = null);

[GenerateSerializer, Alias("SupplierQuality.Invitations.AnswerCopyOutcome")]
public enum AnswerCopyOutcome
{
    /// <summary>The mail service took the copy, now or for an earlier request with the same id.</summary>
    Sent,

    /// <summary>No invitation has this key.</summary>
    NotFound,

    /// <summary>Nothing is submitted yet, so there is nothing to copy. Nothing sent.</summary>
    NotSubmitted,

    /// <summary>Mail to the address is stopped (unsubscribed, reported as spam, bounced). Nothing sent.</summary>
    Suppressed,

    /// <summary><see cref="InvitationState.MaxAnswerCopies"/> copies went already. Nothing sent.</summary>
    LimitReached,

    /// <summary>The mail service refused the copy or could not take it now (<see cref="AnswerCopyResult.Reason"/>). Nothing recorded: it may be asked again.</summary>
    NotTaken,
}

/// <param name="Status">What the page shows next: the copies sent and whether more may be.</param>
/// <param name="Reason">Why the mail service did not take it (<see cref="AnswerCopyOutcome.NotTaken"/>), or the suppression reason.</param>
/// <param name="RetryLater">For <see cref="AnswerCopyOutcome.NotTaken"/>: the service may take it later; false when it refused the message.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.AnswerCopyResult")]
public sealed record AnswerCopyResult(
    [property: Id(0)] AnswerCopyOutcome Outcome,
    [property: Id(1)] AnswerCopyStatus? Status,
    [property: Id(2)] string? Reason = null,
    [property: Id(3)] bool RetryLater = false);

/// <summary>The answer to an invitation command. Expected outcomes are values, not exceptions.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.InvitationResult")]
public sealed record InvitationResult(
    [property: Id(0)] InvitationOutcome Outcome,
    [property: Id(1)] IReadOnlyDictionary<string, string[]> Errors,
    [property: Id(2)] SubmittedResponse? Response,
    [property: Id(3)] string? Message)
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    public static InvitationResult Of(InvitationOutcome outcome, SubmittedResponse? response = null) => new(outcome, NoErrors, response, null);

    public static InvitationResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(InvitationOutcome.Invalid, errors, null, null);

    public static InvitationResult Conflict(string message) => new(InvitationOutcome.Conflict, NoErrors, null, message);
}
