using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// Makes each event from what its source holds. Ids come from what the event is about, so a source that emits again
/// after a failure makes the same event: a standing change from supplier, scope, period and the change's revision; a
/// response from its invitation and version; a campaign close and a review's finish from their ids.
/// </summary>
public static class WebhookEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebhookEvent StandingChanged(StandingChangedData data, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(data);
        var scope = data.Scope == "all" ? "all" : "category:" + data.Category?.ToUpperInvariant();
        return Make(WebhookEventTypes.StandingChanged, at, data, data.SupplierId.ToString("N"), scope, data.Period, data.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static WebhookEvent ReviewFinished(ReviewSummary review, int decisions)
    {
        ArgumentNullException.ThrowIfNull(review);
        var finishedAt = review.FinishedAt ?? throw new ArgumentException("The review is not finished.", nameof(review));
        return Make(WebhookEventTypes.ReviewFinished, finishedAt, new ReviewFinishedData(
            review.Id, review.Title, review.Category is null ? "all" : "category", review.Category, review.Period.ToString(), review.PeriodLabel,
            finishedAt, review.Suppliers, decisions), review.Id.ToString("N"));
    }

    public static WebhookEvent CampaignClosed(CampaignDetails campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var closedAt = campaign.ClosedAt ?? throw new ArgumentException("The campaign is not closed.", nameof(campaign));
        var d = campaign.Definition;
        return Make(WebhookEventTypes.CampaignClosed, closedAt, new CampaignClosedData(
            campaign.Id, d.Name, d.QuestionnaireId, d.QuestionnaireVersion, RankingPeriod.OfCampaign(campaign.Id).ToString(), d.Deadline, closedAt,
            campaign.Counts.SuppliersTargeted, campaign.Counts.Invited, campaign.Counts.Submitted, Ending(campaign)), campaign.Id.ToString("N"));
    }

    private static string Ending(CampaignDetails campaign) =>
        campaign.Status == CampaignStatus.Cancelled ? "cancelled"
        : campaign.ClosedAt < campaign.Definition.Deadline ? "closed-early"
        : "deadline";

    /// <param name="invitationKey">The invitation grain's key: it gives the event and response ids, and is never sent.</param>
    public static WebhookEvent ResponseSubmitted(
        string invitationKey, Guid campaignId, Guid supplierId, RecipientKind? group, int version, DateTimeOffset submittedAt, ResponseScores scores)
    {
        ArgumentException.ThrowIfNullOrEmpty(invitationKey);
        ArgumentNullException.ThrowIfNull(scores);
        var responseId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("response|" + invitationKey)).AsSpan(0, 16));
        return Make(WebhookEventTypes.ResponseSubmitted, submittedAt, new ResponseSubmittedData(
            responseId, campaignId, supplierId, GroupName(group), version, submittedAt, scores.Overall,
            [.. scores.Dimensions.Select(s => new DimensionScoreData(s.DimensionId, s.Score, s.Answered))],
            [.. scores.Nps.Select(n => new NpsAnswerData(n.QuestionId, n.Rating, n.Category.ToString().ToLowerInvariant()))]),
            invitationKey, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A standing in words, as the REST API writes it ("At risk"); null for none.</summary>
    public static string? StandingName(Standing? standing) => standing switch
    {
        null => null,
        Standing.AtRisk => "At risk",
        { } s => s.ToString(),
    };

    private static string? GroupName(RecipientKind? group) => group switch
    {
        RecipientKind.Evaluator => "Internal evaluation",
        RecipientKind.Contact => "Self-assessment",
        _ => null,
    };

    private static WebhookEvent Make<T>(string type, DateTimeOffset at, T data, params string[] about) =>
        new(WebhookEvent.IdOf([type, .. about]), type, at, JsonSerializer.Serialize(new WebhookEnvelope<T>(type, at, data), Json));
}
