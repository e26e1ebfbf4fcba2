namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// The stored digest of one evaluator in one campaign (stored as docs/adr/0004 says; docs/adr/0007). Bounded by the
/// suppliers the evaluator rates (<see cref="Lines"/>, appended only) and by the digests sent (<see cref="Mails"/>: an
/// invitation, one more per batch of suppliers added to a running campaign, and the reminders).
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Campaigns.EvaluatorDigestState")]
public sealed class EvaluatorDigestState
{
    [Id(0)]
    public Guid CampaignId { get; set; }

    /// <summary>The evaluator's address as the first supplier's campaign gave it.</summary>
    [Id(1)]
    public string Email { get; set; } = string.Empty;

    [Id(2)]
    public string Name { get; set; } = string.Empty;

    /// <summary>The suppliers to rate, in the order the invite pass reached them. Never reordered or removed: digests cover a prefix.</summary>
    [Id(3)]
    public List<EvaluatorDigestLine> Lines { get; set; } = [];

    /// <summary>Every digest intended, in order: waiting, sent or refused.</summary>
    [Id(4)]
    public List<EvaluatorDigestMail> Mails { get; set; } = [];
}

[GenerateSerializer, Alias("SupplierQuality.Campaigns.EvaluatorDigestLine")]
public sealed class EvaluatorDigestLine
{
    [Id(0)]
    public Guid SupplierId { get; set; }

    [Id(1)]
    public string SupplierName { get; set; } = string.Empty;

    /// <summary>The evaluator's invitation about this supplier (the invitation grain's key).</summary>
    [Id(2)]
    public string InvitationKey { get; set; } = string.Empty;
}

[GenerateSerializer, Alias("SupplierQuality.Campaigns.EvaluatorDigestMail")]
public sealed class EvaluatorDigestMail
{
    /// <summary>"invite-1" (later ones for suppliers added to a running campaign), "reminder-2", "nudge-1".</summary>
    [Id(0)]
    public string Purpose { get; set; } = string.Empty;

    /// <summary>It covers the first this many <see cref="EvaluatorDigestState.Lines"/>.</summary>
    [Id(1)]
    public int Lines { get; set; }

    [Id(2)]
    public EvaluatorDigestMailStatus Status { get; set; }

    /// <summary>Why it was refused.</summary>
    [Id(3)]
    public string? Reason { get; set; }

    [Id(4)]
    public DateTimeOffset? At { get; set; }

    /// <summary>
    /// For an invitation digest that was sent or refused: the suppliers' campaigns have recorded it on the invitations it
    /// brought (their "invite" is sent, or has its problem). Always true for reminders, which change nothing there.
    /// </summary>
    [Id(5)]
    public bool Recorded { get; set; }
}

[GenerateSerializer, Alias("SupplierQuality.Campaigns.EvaluatorDigestMailStatus")]
public enum EvaluatorDigestMailStatus
{
    Waiting = 0,
    Sent = 1,
    Refused = 2,
}
