using System.Diagnostics.Metrics;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;

namespace SupplierQuality.Grains.Telemetry;

/// <summary>
/// The product's own measurements, in one meter the node exports (Prometheus scrape, OTLP). Static: a count is a
/// fact about this process, whichever grain records it, and nothing here is stored. Each node counts what it did;
/// a cluster's total is the sum over its nodes, which is what Prometheus queries do anyway. Tag values are a small
/// fixed set each (never an id or an address), so series stay few.
/// </summary>
public static class ProductMetrics
{
    public const string MeterName = "SupplierQuality";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Emails the mail service took, tagged <c>purpose</c>: invitation, reminder or resend.</summary>
    public static readonly Counter<long> InvitationsSent = Meter.CreateCounter<long>(
        "supplierquality.invitations.sent", "{email}", "Survey emails the mail service accepted, by purpose.");

    /// <summary>
    /// Emails the mail service did not take, tagged <c>reason</c>: <c>rejected</c> (for good, e.g. a malformed
    /// address) or <c>retry_later</c> (rate limit or outage: the email waits and goes again). A count of waits rather
    /// than a gauge of mail waiting now: that number lives in thousands of supplier campaigns, and a gauge summed
    /// from them would be a guess.
    /// </summary>
    public static readonly Counter<long> MailFailed = Meter.CreateCounter<long>(
        "supplierquality.mail.failed", "{email}", "Survey emails the mail service did not take, by reason (rejected, retry_later).");

    /// <summary>Responses stored (a first submit or an edit), tagged <c>group</c>: self_assessment or internal_evaluation.</summary>
    public static readonly Counter<long> ResponsesSubmitted = Meter.CreateCounter<long>(
        "supplierquality.responses.submitted", "{response}", "Survey responses submitted and stored, by respondent group.");

    /// <summary>One step of a campaign's work (a cursor step of mail batches, or of a pass), tagged <c>step</c>.</summary>
    public static readonly Histogram<double> CampaignBatchDuration = Meter.CreateHistogram(
        "supplierquality.campaign.batch.duration", "s", "Time one step of a campaign's work took, including its state write.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });

    /// <summary>Webhook posts a receiver acknowledged. For the webhooks feature: tag <c>event</c> with the event type.</summary>
    public static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>(
        "supplierquality.webhooks.delivered", "{delivery}", "Outgoing webhook posts the receiver acknowledged.");

    /// <summary>
    /// Webhook posts that failed. For the webhooks feature: tag <c>reason</c> with a small fixed set (for example
    /// <c>status</c>, <c>timeout</c>, <c>network</c>, <c>gave_up</c>).
    /// </summary>
    public static readonly Counter<long> WebhookFailures = Meter.CreateCounter<long>(
        "supplierquality.webhooks.failed", "{delivery}", "Outgoing webhook posts that failed, by reason.");

    /// <summary>Counts what the mail service said about each email of a batch.</summary>
    public static void RecordMail(IEnumerable<MailOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var outcome in outcomes)
        {
            switch (outcome.Kind)
            {
                case MailOutcomeKind.Accepted:
                    InvitationsSent.Add(1, new KeyValuePair<string, object?>("purpose", PurposeOf(outcome.Purpose)));
                    break;
                case MailOutcomeKind.Rejected:
                    MailFailed.Add(1, new KeyValuePair<string, object?>("reason", "rejected"));
                    break;
                default:
                    MailFailed.Add(1, new KeyValuePair<string, object?>("reason", "retry_later"));
                    break;
            }
        }
    }

    /// <summary>Counts a stored response; an invitation issued before recipients had kinds (null) was a contact's.</summary>
    public static void RecordResponse(RecipientKind? kind) =>
        ResponsesSubmitted.Add(1, new KeyValuePair<string, object?>(
            "group", kind == RecipientKind.Evaluator ? "internal_evaluation" : "self_assessment"));

    public static void RecordCampaignStep(string step, TimeSpan elapsed) =>
        CampaignBatchDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("step", step));

    /// <summary>"invite", "reminder-2", "resend-1" (as the supplier's campaign names its emails) to one of three tag values.</summary>
    internal static string PurposeOf(string purpose) =>
        purpose.StartsWith("reminder-", StringComparison.Ordinal) ? "reminder"
        : purpose.StartsWith("resend-", StringComparison.Ordinal) ? "resend"
        : "invitation";
}
