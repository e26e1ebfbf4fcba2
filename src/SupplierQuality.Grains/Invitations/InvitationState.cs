namespace SupplierQuality.Grains.Invitations;

/// <summary>
/// The stored invitation (stored as docs/adr/0004 says). Bounded: the draft, the latest submitted answers in full,
/// at most <see cref="MaxVersionHistory"/> small entries (number, submission id, time) about earlier versions,
/// oldest dropped first, and at most <see cref="MaxAnswerCopies"/> about copies of the answers emailed. Earlier
/// versions' answers are not kept: the campaign applies each version's scores as it is submitted and only the latest
/// counts.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Invitations.InvitationState")]
public sealed class InvitationState : IRevisionedState
{
    public const int MaxVersionHistory = 20;

    /// <summary>False until issued.</summary>
    [Id(0)]
    public bool Issued { get; set; }

    [Id(1)]
    public Guid CampaignId { get; set; }

    [Id(2)]
    public Guid SupplierId { get; set; }

    [Id(3)]
    public string RecipientName { get; set; } = string.Empty;

    [Id(4)]
    public string RecipientEmail { get; set; } = string.Empty;

    [Id(5)]
    public Guid QuestionnaireId { get; set; }

    [Id(6)]
    public int QuestionnaireVersion { get; set; }

    [Id(7)]
    public string BuyerName { get; set; } = string.Empty;

    [Id(8)]
    public string CampaignName { get; set; } = string.Empty;

    [Id(9)]
    public DateTimeOffset Deadline { get; set; }

    [Id(10)]
    public InvitationStatus Status { get; set; }

    [Id(11)]
    public DateTimeOffset IssuedAt { get; set; }

    [Id(12)]
    public DateTimeOffset? OpenedAt { get; set; }

    [Id(13)]
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Answers saved but not submitted; null when there is none (submitting clears it).</summary>
    [Id(14)]
    public Dictionary<string, string[]>? Draft { get; set; }

    [Id(15)]
    public DateTimeOffset? DraftSavedAt { get; set; }

    /// <summary>The latest submitted version's answers; null before the first submit.</summary>
    [Id(16)]
    public Dictionary<string, string[]>? Submitted { get; set; }

    /// <summary>Every version still remembered, oldest first; the last is the one in <see cref="Submitted"/>.</summary>
    [Id(17)]
    public List<ResponseVersionState> Versions { get; set; } = [];

    [Id(18)]
    public MailDelivery Delivery { get; set; }

    [Id(19)]
    public bool EmailOpened { get; set; }

    [Id(20)]
    public bool Unsubscribed { get; set; }

    /// <summary>The latest delivery events, oldest first, at most <see cref="MaxDeliveryEvents"/>.</summary>
    [Id(21)]
    public List<DeliveryEvent> DeliveryEvents { get; set; } = [];

    /// <summary>One more with every change the supplier's campaign counts (see <see cref="InvitationProgress"/>).</summary>
    [Id(22)]
    public int Revision { get; set; }

    /// <summary>The respondent group; null in invitations stored before it was recorded here.</summary>
    [Id(23)]
    public RecipientKind? Kind { get; set; }

    /// <summary>The supplier asked about, for the form; null when not recorded.</summary>
    [Id(24)]
    public string? SupplierName { get; set; }

    /// <summary>The campaign's intro for <see cref="Kind"/>, a template; null when not recorded.</summary>
    [Id(25)]
    public string? Intro { get; set; }

    /// <summary>
    /// Revisions up to here may have been reported while the grain was active (an opened form is reported before it
    /// is written); the next activation goes on from it, so a revision lost in a crash is never used twice.
    /// </summary>
    [Id(26)]
    public int RevisionCeiling { get; set; }

    /// <summary>Why the form was closed; <see cref="InvitationEnding.None"/> while open (and in invitations stored before).</summary>
    [Id(27)]
    public InvitationEnding Ending { get; set; }

    /// <summary>The recipient marked a survey email as spam (which also unsubscribes them).</summary>
    [Id(28)]
    public bool SpamReported { get; set; }

    /// <summary>
    /// The scores of <see cref="Submitted"/>, computed when it was written; null before the first submit and in
    /// invitations stored before scores were kept (those are scored when read).
    /// </summary>
    [Id(29)]
    public ResponseScores? SubmittedScores { get; set; }

    /// <summary>
    /// The copies of the submitted answers emailed to the recipient at their request, oldest first: at most
    /// <see cref="MaxAnswerCopies"/>. Empty in invitations stored before copies could be asked for.
    /// </summary>
    [Id(30)]
    public List<AnswerCopyState> AnswerCopies { get; set; } = [];

    /// <summary>
    /// The campaign's IANA time zone, which the form writes the deadline and other times in; null in invitations
    /// stored before campaigns had one (UTC).
    /// </summary>
    [Id(31)]
    public string? TimeZone { get; set; }

    /// <summary>
    /// The code of the recipient's language, resolved when the invitation was made (the contact's preferred language,
    /// else the campaign's): what the form speaks until its reader picks another. Null for English, as in invitations
    /// stored before invitations had one.
    /// </summary>
    [Id(32)]
    public string? Language { get; set; }

    public const int MaxDeliveryEvents = 20;

    /// <summary>A few copies are plenty for one person's answers, and the cap keeps the link from being a mail cannon.</summary>
    public const int MaxAnswerCopies = 3;

    public ResponseVersionState? Latest => Versions.Count > 0 ? Versions[^1] : null;
}

[GenerateSerializer, Alias("SupplierQuality.Invitations.ResponseVersionState")]
public sealed class ResponseVersionState
{
    [Id(0)]
    public int Number { get; set; }

    /// <summary>What recognises a retried or duplicated submit of this version.</summary>
    [Id(1)]
    public Guid SubmissionId { get; set; }

    [Id(2)]
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>One copy of the answers sent by email; its request id recognises a repeated click.</summary>
[GenerateSerializer, Alias("SupplierQuality.Invitations.AnswerCopyState")]
public sealed class AnswerCopyState
{
    [Id(0)]
    public Guid RequestId { get; set; }

    [Id(1)]
    public DateTimeOffset SentAt { get; set; }
}
