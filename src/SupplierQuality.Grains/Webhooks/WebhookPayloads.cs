namespace SupplierQuality.Grains.Webhooks;

// The "data" of each event, as receivers get it (camelCase JSON). Standings and respondent groups are words, as the
// REST API writes them; periods are in the form GET /api/rankings takes (campaign:{id}, quarter:..., year:...).

/// <param name="Scope">"all" (every supplier) or "category" (the supplier's category, <paramref name="Category"/>).</param>
/// <param name="PeriodKind">"campaign", "quarter" or "year".</param>
/// <param name="OldStanding">Null when the supplier had no standing in this ranking before (its first score).</param>
/// <param name="Revision">Counts this supplier's standing changes in this scope and period: 1, 2, ...</param>
public sealed record StandingChangedData(
    Guid SupplierId,
    string SupplierName,
    string? Category,
    string Scope,
    string Period,
    string PeriodKind,
    string PeriodLabel,
    DateTimeOffset PeriodEnd,
    string? OldStanding,
    string? NewStanding,
    double? RankingScore,
    int? Rank,
    int Revision);

/// <param name="Scope">"all" or "category" (then <paramref name="Category"/>).</param>
/// <param name="Decisions">Suppliers with a recorded decision, of <paramref name="Suppliers"/> in the review.</param>
public sealed record ReviewFinishedData(
    Guid ReviewId,
    string Title,
    string Scope,
    string? Category,
    string Period,
    string PeriodLabel,
    DateTimeOffset FinishedAt,
    int Suppliers,
    int Decisions);

/// <param name="Period">The campaign's ranking period, for <c>GET /api/rankings?period=</c>.</param>
/// <param name="Ending">How it ended: "deadline", "closed-early" or "cancelled" (called off by a manager).</param>
public sealed record CampaignClosedData(
    Guid CampaignId,
    string Name,
    Guid QuestionnaireId,
    int QuestionnaireVersion,
    string Period,
    DateTimeOffset Deadline,
    DateTimeOffset ClosedAt,
    int SuppliersTargeted,
    int Invited,
    int Submitted,
    string Ending);

public sealed record DimensionScoreData(string DimensionId, decimal Score, int Answered);

/// <param name="Category">"promoter" (9-10), "passive" (7-8) or "detractor" (0-6).</param>
public sealed record NpsAnswerData(string QuestionId, int Rating, string Category);

/// <summary>A submitted response's ids and scores: never the answers, names or addresses.</summary>
/// <param name="ResponseId">Stable for the respondent's response in this campaign; <paramref name="Version"/> counts its edits.</param>
/// <param name="Group">"Self-assessment" or "Internal evaluation"; null for invitations issued before groups were recorded.</param>
/// <param name="OverallScore">0-100; null when no scored question was answered.</param>
public sealed record ResponseSubmittedData(
    Guid ResponseId,
    Guid CampaignId,
    Guid SupplierId,
    string? Group,
    int Version,
    DateTimeOffset SubmittedAt,
    decimal? OverallScore,
    IReadOnlyList<DimensionScoreData> Dimensions,
    IReadOnlyList<NpsAnswerData> Nps);

/// <summary>The body of every post, as Standard Webhooks suggests: the event's type, when it happened, and its data.</summary>
public sealed record WebhookEnvelope<T>(string Type, DateTimeOffset Timestamp, T Data);
