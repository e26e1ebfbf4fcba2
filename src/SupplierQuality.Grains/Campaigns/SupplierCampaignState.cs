using SupplierQuality.Grains.Invitations;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// The stored part of one supplier in one campaign (stored as docs/adr/0004 says). Bounded by the supplier's
/// contacts plus the campaign's evaluators.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Campaigns.SupplierCampaignState")]
public sealed class SupplierCampaignState : IRevisionedState
{
    [Id(0)]
    public string SupplierName { get; set; } = string.Empty;

    [Id(1)]
    public List<InvitationEntry> Invitations { get; set; } = [];

    /// <summary>Recipients that got no invitation, with the reason ("a@b.example: unsubscribed").</summary>
    [Id(2)]
    public List<string> Skipped { get; set; } = [];

    /// <summary>One more with every change; see <see cref="SupplierProgress.Revision"/>.</summary>
    [Id(3)]
    public int Revision { get; set; }

    /// <summary>True once the invite pass reached this supplier.</summary>
    [Id(4)]
    public bool Invited { get; set; }

    /// <summary>
    /// True when written at deactivation with everything the grain knew. False while the grain is active: the
    /// invitations' progress is kept in memory between writes, so after a crash the next activation reads every
    /// invitation again (states stored before this existed read as false, and are recounted once).
    /// </summary>
    [Id(5)]
    public bool Clean { get; set; }

    /// <summary>
    /// Revisions up to here may have been reported while the grain was active; the next activation goes on from it,
    /// so a revision lost in a crash is never used twice (the campaign and the scorecard ignore a report that is not
    /// newer than the one they hold).
    /// </summary>
    [Id(6)]
    public int RevisionCeiling { get; set; }

    public const int MaxSkipped = 50;
}

[GenerateSerializer, Alias("SupplierQuality.Campaigns.InvitationEntry")]
public sealed class InvitationEntry
{
    /// <summary>The invitation grain's key (SHA-256 of the link token).</summary>
    [Id(0)]
    public string Key { get; set; } = string.Empty;

    [Id(1)]
    public RecipientKind Kind { get; set; }

    [Id(2)]
    public string Name { get; set; } = string.Empty;

    [Id(3)]
    public string Email { get; set; } = string.Empty;

    /// <summary>Purposes of emails whose sending is intended and not yet confirmed ("invite", "reminder-2", "resend-1").</summary>
    [Id(4)]
    public List<string> Waiting { get; set; } = [];

    /// <summary>Purposes of emails the mail service accepted, in order.</summary>
    [Id(5)]
    public List<string> Sent { get; set; } = [];

    /// <summary>Why mail to this recipient stopped (rejected, suppressed), or null.</summary>
    [Id(6)]
    public string? Problem { get; set; }

    [Id(7)]
    public int Resends { get; set; }

    /// <summary>
    /// The invitation's progress as it last reported it (the newest revision wins). Missing only from a row stored
    /// before it was kept whole (Id 19), until activation calls <see cref="MoveStoredProgress"/>.
    /// </summary>
    [Id(19)]
    public InvitationProgress Progress { get; set; } = null!;

    /// <summary>
    /// The code of the recipient's language, resolved when the invitation was made (a contact's preferred language, else
    /// the campaign's; an evaluator's is the campaign's): what its emails are written in. Null for English, as in rows
    /// stored before invitations had one.
    /// </summary>
    [Id(20)]
    public string? Language { get; set; }

    // Rows stored before Progress held its parts one by one (Ids 8-16, 18): read from such a row, moved into Progress
    // on activation, then left at their defaults, which storage does not write (docs/adr/0004: kept readable for a
    // release).
    [Id(8)]
    public int ProgressRevision { get; set; }

    [Id(9)]
    public InvitationStatus Status { get; set; }

    [Id(10)]
    public MailDelivery Delivery { get; set; }

    [Id(11)]
    public bool EmailOpened { get; set; }

    [Id(12)]
    public bool Unsubscribed { get; set; }

    [Id(13)]
    public int ResponseVersion { get; set; }

    [Id(14)]
    public decimal? Score { get; set; }

    [Id(15)]
    public List<DimensionScore>? Dimensions { get; set; }

    [Id(16)]
    public List<NpsAnswer>? Nps { get; set; }

    /// <summary>The clicks that queued a resend (at most <see cref="MaxResends"/>), so a click carried twice sends once.</summary>
    [Id(17)]
    public List<Guid> ResendClicks { get; set; } = [];

    [Id(18)]
    public bool SpamReported { get; set; }

    public const int MaxResends = 5;

    /// <summary>Builds <see cref="Progress"/> of a row stored before it was kept whole, and clears the old fields.</summary>
    public void MoveStoredProgress()
    {
        if (Progress is not null)
        {
            return;
        }

        // A row that never had a report holds the defaults: an issued invitation.
        Progress = new InvitationProgress(
            Key,
            ProgressRevision,
            Status,
            Delivery,
            EmailOpened,
            Unsubscribed,
            ResponseVersion,
            ResponseVersion > 0 ? new ResponseScores(Score, (Dimensions ?? []).ToArray(), (Nps ?? []).ToArray()) : null,
            SubmittedAt: null,
            SpamReported);
        (ProgressRevision, Status, Delivery, EmailOpened, Unsubscribed, ResponseVersion, Score, Dimensions, Nps, SpamReported) =
            (0, default, default, false, false, 0, null, null, null, false);
    }
}
