using System.Globalization;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;

namespace SupplierQuality.Web.Campaigns;

/// <summary>A campaign's states and mail in the words a quality manager reads, never the names in the code.</summary>
internal static class CampaignText
{
    public static string Status(CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => "Draft",
        CampaignStatus.Scheduled => "Scheduled",
        CampaignStatus.Open => "Open",
        CampaignStatus.Closed => "Closed",
        _ => "Cancelled",
    };

    public static string Kind(RecipientKind kind) => kind == RecipientKind.Evaluator ? "Internal evaluator" : "Supplier contact";

    public static string Status(InvitationStatus status) => status switch
    {
        InvitationStatus.Issued => "Not opened",
        InvitationStatus.Opened => "Opened",
        InvitationStatus.InProgress => "In progress",
        InvitationStatus.Submitted => "Answered",
        _ => "Closed",
    };

    /// <summary>What the mail service last said; nothing at all before it said anything (no "None").</summary>
    public static string Delivery(MailDelivery delivery) => delivery switch
    {
        MailDelivery.Processed => "Accepted by the mail service",
        MailDelivery.Deferred => "Delayed by the receiving server",
        MailDelivery.Delivered => "Delivered",
        MailDelivery.Bounced => "Bounced",
        MailDelivery.Dropped => "Refused by the mail service",
        _ => "—",
    };

    /// <summary>"invitation, 1 resend, reminder 2" for the stored purposes "invite", "resend-1", "reminder-2".</summary>
    public static string Mails(IReadOnlyCollection<string> purposes)
    {
        if (purposes.Count == 0)
        {
            return "—";
        }

        var resends = purposes.Count(p => p.StartsWith("resend-", StringComparison.Ordinal));
        var parts = new List<string>();
        if (purposes.Contains("invite"))
        {
            parts.Add("invitation");
        }

        parts.AddRange(purposes.Where(p => p.StartsWith("reminder-", StringComparison.Ordinal)).Select(p => $"reminder {p["reminder-".Length..]}"));
        parts.AddRange(purposes.Where(p => p.StartsWith("nudge-", StringComparison.Ordinal)).Select(p => $"reminder by hand {p["nudge-".Length..]}"));
        if (resends > 0)
        {
            parts.Add(Count(resends, "resend", "resends"));
        }

        return string.Join(", ", parts);
    }

    public static string Count(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
