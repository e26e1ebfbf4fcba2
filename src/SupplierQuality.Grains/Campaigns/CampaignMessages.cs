using System.Text.Json.Serialization;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>Where a campaign stands. Stored and sent by name.</summary>
[GenerateSerializer, Alias("SupplierQuality.Campaigns.CampaignStatus")]
[JsonConverter(typeof(JsonStringEnumConverter<CampaignStatus>))]
public enum CampaignStatus
{
    /// <summary>Being prepared; nothing sent.</summary>
    Draft = 0,

    /// <summary>Launched with an opening time still to come.</summary>
    Scheduled = 1,

    /// <summary>Invitations go out (or have), answers come in.</summary>
    Open = 2,

    /// <summary>Past the deadline or closed early: forms are read-only, answers count.</summary>
    Closed = 3,

    /// <summary>Called off: forms are read-only, nothing more is sent.</summary>
    Cancelled = 4,
}

/// <summary>
/// How far one supplier's part of a campaign has come, counted over its invitations. <paramref name="Revision"/>
/// goes up with every change, so the campaign keeps only the newest report.
/// </summary>
/// <param name="InternalEvaluationMean">The mean overall score of the evaluators' latest responses, or null before one.</param>
/// <param name="SelfAssessmentMean">The same of the supplier's own contacts: the two groups are never averaged together.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.SupplierProgress")]
public sealed record SupplierProgress(
    [property: Id(0)] Guid SupplierId,
    [property: Id(1)] string SupplierName,
    [property: Id(2)] int Revision,
    [property: Id(3)] int Invited,
    [property: Id(4)] int Sent,
    [property: Id(5)] int Delivered,
    [property: Id(6)] int Bounced,
    [property: Id(7)] int Opened,
    [property: Id(8)] int Started,
    [property: Id(9)] int Submitted,
    [property: Id(10)] int MailWaiting,
    // Id 11 held one mean of both groups until they were kept apart; it is not reused.
    [property: Id(12)] decimal? InternalEvaluationMean,
    [property: Id(13)] decimal? SelfAssessmentMean,
    [property: Id(14)] int Refused = 0,
    [property: Id(15)] int Unsubscribed = 0,
    [property: Id(16)] int SpamReports = 0)
{
    /// <summary>Addresses with something a manager should look at: a bounce, a refusal, an unsubscribe or a spam report.</summary>
    public bool HasMailProblems => Bounced + Refused + Unsubscribed + SpamReports > 0;

    public bool Responded => Submitted > 0;

    /// <summary>Submitted over invited, 0-1; 0 before anyone was invited.</summary>
    public decimal ResponseRate => Invited == 0 ? 0 : (decimal)Submitted / Invited;
}

/// <summary>The campaign's counters: the sum over its suppliers.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.CampaignCounts")]
public sealed record CampaignCounts(
    [property: Id(0)] int Invited,
    [property: Id(1)] int Sent,
    [property: Id(2)] int Delivered,
    [property: Id(3)] int Bounced,
    [property: Id(4)] int Opened,
    [property: Id(5)] int Started,
    [property: Id(6)] int Submitted,
    [property: Id(7)] int MailWaiting,
    [property: Id(8)] int SuppliersTargeted,
    [property: Id(9)] int SuppliersOpened,
    [property: Id(10)] int SuppliersResponded,
    [property: Id(11)] int Refused = 0,
    [property: Id(12)] int Unsubscribed = 0,
    [property: Id(13)] int SpamReports = 0)
{
    /// <summary>Submitted over invited, 0-1.</summary>
    public decimal ResponseRate => Invited == 0 ? 0 : (decimal)Submitted / Invited;

    /// <summary>Suppliers with at least one response over suppliers targeted, 0-1.</summary>
    public decimal SupplierResponseRate => SuppliersTargeted == 0 ? 0 : (decimal)SuppliersResponded / SuppliersTargeted;
}

/// <summary>A campaign as its page shows it.</summary>
/// <param name="OpenedAt">When invitations started to go out; null before.</param>
/// <param name="Work">What the campaign is doing now, in words, or null when idle.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.CampaignDetails")]
public sealed record CampaignDetails(
    [property: Id(0)] Guid Id,
    [property: Id(1)] CampaignDefinition Definition,
    [property: Id(2)] CampaignStatus Status,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? LaunchedAt,
    [property: Id(5)] DateTimeOffset? OpenedAt,
    [property: Id(6)] DateTimeOffset? ClosedAt,
    [property: Id(7)] CampaignCounts Counts,
    [property: Id(8)] int RemindersSent,
    [property: Id(9)] string? Work,
    [property: Id(10)] string? LastMailProblem);

/// <summary>One page of a campaign's suppliers in launch order.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.SupplierProgressPage")]
public sealed record SupplierProgressPage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<SupplierProgress> Items);

/// <summary>A line of the campaign list.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.CampaignSummary")]
public sealed record CampaignSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] CampaignStatus Status,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset Deadline,
    [property: Id(5)] int Revision);
