namespace SupplierQuality.Grains.Invitations;

/// <summary>
/// One person's invitation to answer one campaign's questionnaire, keyed by <see cref="InvitationToken.Hash"/> of
/// the link token. State: the invitation, a draft and the latest submitted response (bounded: one response).
/// Answers are by question id: Likert "1".."k", rating "0".."10", "yes"/"no", option ids, a number, text.
/// </summary>
[Alias("SupplierQuality.Invitations.IInvitationGrain")]
public interface IInvitationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the invitation after checking the questionnaire version is published: <see cref="InvitationOutcome.Created"/>,
    /// <see cref="InvitationOutcome.Ok"/> for the same command again, <see cref="InvitationOutcome.Conflict"/> for
    /// another, <see cref="InvitationOutcome.Invalid"/> for bad details.
    /// </summary>
    [Alias("Issue")]
    Task<InvitationResult> IssueAsync(IssueInvitation command);

    /// <summary>The form to show, or null for an unknown invitation. The first call marks the invitation opened.</summary>
    [Alias("GetForm")]
    Task<InvitationForm?> GetFormAsync();

    /// <summary>
    /// Saves answers as a draft, complete or not, after checking their shape (known questions, values in range,
    /// text within its limit): <see cref="InvitationOutcome.Invalid"/> writes nothing.
    /// </summary>
    [Alias("SaveDraft")]
    Task<InvitationResult> SaveDraftAsync(IReadOnlyDictionary<string, string[]> answers);

    /// <summary>
    /// Validates fully and stores the answers as the next response version, answering only after the write. The
    /// same <paramref name="submissionId"/> again returns the version it made; another one makes a new version
    /// (an edit) until the deadline. Closed or past the deadline: <see cref="InvitationOutcome.Closed"/>.
    /// </summary>
    [Alias("Submit")]
    Task<InvitationResult> SubmitAsync(IReadOnlyDictionary<string, string[]> answers, Guid submissionId);

    /// <summary>
    /// <see cref="SubmitAsync"/> from a form that showed response version <paramref name="replacesVersion"/> (0: none
    /// submitted yet): stored only while that is still the latest version. When another submission came first (the
    /// link open in two browsers), nothing is written and the outcome is <see cref="InvitationOutcome.Replaced"/> with
    /// the response that came first. The same <paramref name="submissionId"/> again returns the version it made.
    /// </summary>
    [Alias("SubmitReplacing")]
    Task<InvitationResult> SubmitReplacingAsync(IReadOnlyDictionary<string, string[]> answers, Guid submissionId, int replacesVersion);

    /// <summary>
    /// Ends the invitation: the form becomes read-only and says why. What happened before (opened, a draft, answers)
    /// stays as it was, so no count goes down. Idempotent: the first ending stays.
    /// </summary>
    [Alias("CloseAs")]
    Task<InvitationResult> CloseAsync(InvitationEnding ending);

    /// <summary>Moves the deadline (a campaign's extension reaches each invitation through this). Idempotent.</summary>
    [Alias("SetDeadline")]
    Task<InvitationResult> SetDeadlineAsync(DateTimeOffset deadline);

    /// <summary>
    /// Records a delivery event from the mail service; a repeated event (same id) changes nothing. A hard bounce
    /// marks the address undeliverable on the supplier; a bounce, unsubscribe or spam report stops further mail to it.
    /// </summary>
    [Alias("RecordDelivery")]
    Task<InvitationResult> RecordDeliveryAsync(DeliveryEvent delivery);

    /// <summary>The recipient's address and whether they have unsubscribed, or null for an unknown invitation.</summary>
    [Alias("GetRecipient")]
    Task<InvitationRecipient?> GetRecipientAsync();

    /// <summary>Stops every further survey email to this invitation's address. Idempotent.</summary>
    [Alias("Unsubscribe")]
    Task<InvitationResult> UnsubscribeAsync();

    /// <summary>What the supplier's campaign keeps of this invitation, or null for an unknown invitation.</summary>
    [Alias("GetProgress")]
    Task<InvitationProgress?> GetProgressAsync();

    /// <summary>
    /// The latest submitted version of the response with its answers and scores, for the people who read responses;
    /// null for an unknown invitation or before the first submit (a draft is not a response). Changes nothing: reading
    /// does not mark the form opened.
    /// </summary>
    [Alias("GetSubmitted")]
    Task<InvitationResponse?> GetSubmittedAsync();

    /// <summary>
    /// Emails <paramref name="copy"/> of the submitted answers to this invitation's own address, never another, and
    /// records it once the mail service took it. The same <see cref="AnswerCopyRequest.RequestId"/> again sends nothing
    /// more and answers <see cref="AnswerCopyOutcome.Sent"/>. Refused, with nothing sent: before the first submit, for
    /// a suppressed address (unsubscribed, reported as spam, bounced) and after
    /// <see cref="InvitationState.MaxAnswerCopies"/> copies. Whether the form is still open is the page's concern:
    /// a copy of answers given is harmless after the deadline.
    /// </summary>
    [Alias("SendAnswerCopy")]
    Task<AnswerCopyResult> SendAnswerCopyAsync(AnswerCopyRequest copy);
}

[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.InvitationRecipient")]
public sealed record InvitationRecipient(
    [property: Id(0)] string Email,
    [property: Id(1)] string CampaignName,
    [property: Id(2)] bool Unsubscribed,
    [property: Id(3)] string? Language = null);
