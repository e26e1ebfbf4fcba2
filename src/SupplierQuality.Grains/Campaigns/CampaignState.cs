using SupplierQuality.Email.Templates;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// The stored campaign: its definition, status, schedule and cursors (stored as docs/adr/0004 says). Written after
/// every step of work, so nothing in it grows with the suppliers asked: they are in
/// <see cref="CampaignTargetsState"/>, the counters in <see cref="CampaignCountersState"/>.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Campaigns.CampaignState")]
public sealed class CampaignState
{
    [Id(0)]
    public bool Created { get; set; }

    [Id(1)]
    public string Name { get; set; } = string.Empty;

    [Id(2)]
    public Guid QuestionnaireId { get; set; }

    [Id(3)]
    public int QuestionnaireVersion { get; set; }

    [Id(4)]
    public AudienceKind Audience { get; set; }

    [Id(5)]
    public string? Category { get; set; }

    [Id(6)]
    public List<Guid> ChosenSuppliers { get; set; } = [];

    [Id(7)]
    public List<Evaluator> Evaluators { get; set; } = [];

    [Id(8)]
    public DateTimeOffset? OpensAt { get; set; }

    [Id(9)]
    public DateTimeOffset Deadline { get; set; }

    [Id(10)]
    public List<int> ReminderDays { get; set; } = [];

    /// <summary>The subject of the email to the supplier's contacts (before evaluators had their own, to everyone).</summary>
    [Id(11)]
    public string Subject { get; set; } = string.Empty;

    /// <summary>The intro of the email to the supplier's contacts.</summary>
    [Id(12)]
    public string Intro { get; set; } = string.Empty;

    [Id(13)]
    public string BuyerName { get; set; } = string.Empty;

    [Id(14)]
    public CampaignStatus Status { get; set; }

    [Id(15)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(16)]
    public DateTimeOffset? LaunchedAt { get; set; }

    [Id(17)]
    public DateTimeOffset? OpenedAt { get; set; }

    [Id(18)]
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>
    /// Where releases before <see cref="CampaignTargetsState"/> kept the suppliers asked; read once to move them there,
    /// then empty.
    /// </summary>
    [Id(19)]
    public List<Guid> Targets { get; set; } = [];

    /// <summary>How many of the suppliers asked (<see cref="CampaignTargetsState"/>) the invite pass has handled: the launch cursor.</summary>
    [Id(20)]
    public int InviteCursor { get; set; }

    /// <summary>Reminder passes started, in schedule order.</summary>
    [Id(21)]
    public int RemindersStarted { get; set; }

    /// <summary>
    /// Reminder days passed over without a reminder of their own: when several were past at once (a clock jump, a long
    /// stop), only the latest was sent. 0 in campaigns stored before it existed, which never skipped one.
    /// </summary>
    [Id(41)]
    public int RemindersSkipped { get; set; }

    /// <summary>Passes over the targets still to finish, oldest first, each with its cursor.</summary>
    [Id(22)]
    public List<CampaignPass> Passes { get; set; } = [];

    /// <summary>Suppliers whose mail must be tried again, with the pass to repeat.</summary>
    [Id(23)]
    public List<CampaignRetry> Retries { get; set; } = [];

    /// <summary>Where releases before <see cref="CampaignCountersState"/> kept the counters; moved there, then empty.</summary>
    [Id(24)]
    public Dictionary<Guid, SupplierProgress> Progress { get; set; } = [];

    [Id(25)]
    public string? LastMailProblem { get; set; }

    [Id(26)]
    public DateTimeOffset? RetryAfter { get; set; }

    /// <summary>One more with every write; orders the campaign list's entries.</summary>
    [Id(27)]
    public int Version { get; set; }

    /// <summary>
    /// Releases before <see cref="CampaignCountersState"/>: true when <see cref="Progress"/> was written on a clean
    /// deactivation. Read once, to upgrade.
    /// </summary>
    [Id(28)]
    public bool CountersCurrent { get; set; }

    /// <summary>See <see cref="CampaignCountersState.Generation"/>.</summary>
    [Id(40)]
    public int CountersGeneration { get; set; }

    /// <summary>The subject of the email to internal evaluators; null in campaigns stored before it existed (the default then).</summary>
    [Id(29)]
    public string? EvaluatorSubject { get; set; }

    /// <summary>The intro of the email to internal evaluators; null in campaigns stored before it existed (the default then).</summary>
    [Id(30)]
    public string? EvaluatorIntro { get; set; }

    /// <summary>
    /// The personal line of each reminder a manager sent by hand ("" for none), in order: the emails of reminder k
    /// (purpose "nudge-k") read line k-1, also when they go out late after a mail outage.
    /// </summary>
    [Id(42)]
    public List<string> HandReminders { get; set; } = [];

    /// <summary>The click that sent each hand reminder, so a click carried twice sends one.</summary>
    [Id(43)]
    public List<Guid> HandReminderClicks { get; set; } = [];

    /// <summary>
    /// True for campaigns opened by a release that sends evaluators one digest (docs/adr/0007); false in campaigns that
    /// opened before, whose evaluators keep getting an email per supplier to the end.
    /// </summary>
    [Id(44)]
    public bool EvaluatorDigests { get; set; }

    /// <summary>
    /// An evaluator's digest holds suppliers not yet sent to them: the evaluators' invitation digests go once the invite
    /// pass is through the suppliers asked (see <see cref="CampaignPassKind.Digests"/>).
    /// </summary>
    [Id(45)]
    public bool DigestsDue { get; set; }

    /// <summary>
    /// The IANA time zone respondents read the deadline in (<see cref="CampaignDefinition.TimeZone"/>); null in
    /// campaigns stored before campaigns had one, which keep showing UTC.
    /// </summary>
    [Id(46)]
    public string? TimeZone { get; set; }

    /// <summary>
    /// The code of the campaign's language (<see cref="CampaignDefinition.Language"/>); null for English, as in campaigns
    /// stored before campaigns had one.
    /// </summary>
    [Id(47)]
    public string? Language { get; set; }

    public const int MaxHandReminders = 5;

    /// <summary>The evaluators, each address once (a digest is per address), in the order the manager named them.</summary>
    public List<Evaluator> DigestEvaluators() =>
        [.. Evaluators.DistinctBy(e => EvaluatorDigest.Normalize(e.Email), StringComparer.Ordinal)];

    public CampaignDefinition Definition() => new(
        Name, QuestionnaireId, QuestionnaireVersion, Audience, Category, ChosenSuppliers.ToArray(), Evaluators.ToArray(),
        OpensAt, Deadline, ReminderDays.ToArray(), Subject, Intro, BuyerName,
        EvaluatorSubject ?? SurveyTexts.EvaluatorSubject, EvaluatorIntro ?? SurveyTexts.EvaluatorIntro, TimeZone ?? Zone.UtcId, Language);

    /// <summary>What each supplier's campaign needs to issue its invitations and write their emails.</summary>
    public SupplierCampaignBrief Brief() => new(
        Name, BuyerName, QuestionnaireId, QuestionnaireVersion, Deadline, Subject, Intro, Evaluators.ToArray(),
        EvaluatorSubject ?? SurveyTexts.EvaluatorSubject, BriefEvaluatorIntro(), HandReminders.ToArray(), EvaluatorDigests: EvaluatorDigests,
        TimeZone: TimeZone ?? Zone.UtcId, Language: Language);

    /// <summary>A draft that kept the old default intro says "one email like this for each supplier": not so in a digest.</summary>
    private string BriefEvaluatorIntro() =>
        EvaluatorIntro is null || (EvaluatorDigests && EvaluatorIntro == SurveyTexts.EvaluatorIntroBeforeDigests.Trim())
            ? SurveyTexts.EvaluatorIntro
            : EvaluatorIntro;

    public void Set(CampaignDefinition d)
    {
        Name = d.Name;
        QuestionnaireId = d.QuestionnaireId;
        QuestionnaireVersion = d.QuestionnaireVersion;
        Audience = d.Audience;
        Category = d.Category;
        ChosenSuppliers = [.. d.Suppliers];
        Evaluators = [.. d.Evaluators];
        OpensAt = d.OpensAt;
        Deadline = d.Deadline;
        ReminderDays = [.. d.ReminderDays];
        Subject = d.Subject;
        Intro = d.Intro;
        BuyerName = d.BuyerName;
        EvaluatorSubject = d.EvaluatorSubject;
        EvaluatorIntro = d.EvaluatorIntro;
        TimeZone = d.TimeZone;
        Language = d.Language;
    }
}

/// <summary>What a pass does to each supplier's campaign.</summary>
[GenerateSerializer, Alias("SupplierQuality.Campaigns.CampaignPassKind")]
public enum CampaignPassKind
{
    Remind = 0,
    SetDeadline = 1,
    Close = 2,

    /// <summary>Reads every supplier's counters again (after a crash lost reports not yet written).</summary>
    Recount = 3,

    /// <summary>A reminder a manager sent by hand, now; its number counts <see cref="CampaignState.HandReminders"/>.</summary>
    RemindNow = 4,

    /// <summary>
    /// A pass over the evaluators (<see cref="CampaignState.DigestEvaluators"/>), not the suppliers: each evaluator's
    /// digest of <see cref="CampaignPass.Mail"/> (the invitation, a reminder) goes, listing every supplier it concerns.
    /// </summary>
    Digests = 5,
}

[GenerateSerializer, Alias("SupplierQuality.Campaigns.CampaignPass")]
public sealed class CampaignPass
{
    [Id(0)]
    public CampaignPassKind Kind { get; set; }

    /// <summary>The reminder's number (1-based) for <see cref="CampaignPassKind.Remind"/>.</summary>
    [Id(1)]
    public int Number { get; set; }

    [Id(2)]
    public int Cursor { get; set; }

    /// <summary>For <see cref="CampaignPassKind.Digests"/>: which digest (invitation, reminder, hand reminder).</summary>
    [Id(3)]
    public MailPass Mail { get; set; }
}

[GenerateSerializer, Alias("SupplierQuality.Campaigns.CampaignRetry")]
public sealed class CampaignRetry
{
    [Id(0)]
    public Guid SupplierId { get; set; }

    [Id(1)]
    public MailPass Pass { get; set; }

    [Id(2)]
    public int Number { get; set; }

    /// <summary>Null for a supplier's mail; an evaluator's address for their digest (<see cref="SupplierId"/> is then empty).</summary>
    [Id(3)]
    public string? Evaluator { get; set; }

    /// <summary>The same work: the same supplier, or the same evaluator, pass and number.</summary>
    public bool Same(CampaignRetry other) =>
        other is not null
        && SupplierId == other.SupplierId
        && Pass == other.Pass
        && Number == other.Number
        && string.Equals(Evaluator is null ? null : EvaluatorDigest.Normalize(Evaluator), other.Evaluator is null ? null : EvaluatorDigest.Normalize(other.Evaluator), StringComparison.Ordinal);
}
