namespace SupplierQuality.Grains.Webhooks;

/// <summary>The events an endpoint can subscribe to, by the name each is sent under (the payload's <c>type</c>).</summary>
public static class WebhookEventTypes
{
    /// <summary>A supplier's standing in a ranking (scope and period) moved, e.g. from Approved to At risk.</summary>
    public const string StandingChanged = "standing.changed";

    /// <summary>A strategic planning review was finished and is read-only from now on.</summary>
    public const string ReviewFinished = "review.finished";

    /// <summary>A campaign closed (deadline or by hand) and every form of it is read-only.</summary>
    public const string CampaignClosed = "campaign.closed";

    /// <summary>A response was submitted or edited: ids and scores, never the answers' text.</summary>
    public const string ResponseSubmitted = "response.submitted";

    public static IReadOnlyList<string> All { get; } = [StandingChanged, ReviewFinished, CampaignClosed, ResponseSubmitted];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
