namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// The stored campaign. Storage writes JSON with type names, so every collection has a concrete type. Grows with the
/// suppliers targeted (their ids and one small progress line each), never with invitations or responses.
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

    [Id(11)]
    public string Subject { get; set; } = string.Empty;

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

    /// <summary>The suppliers asked, fixed when the campaign opens; suppliers added later are appended.</summary>
    [Id(19)]
    public List<Guid> Targets { get; set; } = [];

    /// <summary>How many of <see cref="Targets"/> the invite pass has handled: the launch cursor.</summary>
    [Id(20)]
    public int InviteCursor { get; set; }

    /// <summary>Reminder passes started, in schedule order.</summary>
    [Id(21)]
    public int RemindersStarted { get; set; }

    /// <summary>Passes over the targets still to finish, oldest first, each with its cursor.</summary>
    [Id(22)]
    public List<CampaignPass> Passes { get; set; } = [];

    /// <summary>Suppliers whose mail must be tried again, with the pass to repeat.</summary>
    [Id(23)]
    public List<CampaignRetry> Retries { get; set; } = [];

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
    /// True only when the last write was the one made on a clean deactivation, so <see cref="Progress"/> held every
    /// report. After a crash it is false, and the next activation recounts from the suppliers' campaigns.
    /// </summary>
    [Id(28)]
    public bool CountersCurrent { get; set; }

    public CampaignDefinition Definition() => new(
        Name, QuestionnaireId, QuestionnaireVersion, Audience, Category, ChosenSuppliers.ToArray(), Evaluators.ToArray(),
        OpensAt, Deadline, ReminderDays.ToArray(), Subject, Intro, BuyerName);

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
}
