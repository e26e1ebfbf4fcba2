using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Web.Campaigns;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>
/// One thing a quality manager should look at in a running campaign, in words, with the place on the campaign's page
/// that shows it: the home page's summary of what <see cref="MailAttention"/> lists address by address.
/// </summary>
public sealed record CampaignAttention(string Text, string Href)
{
    /// <summary>Within this of its deadline, an open campaign's people without an answer are worth a reminder now.</summary>
    public static readonly TimeSpan DeadlineNear = TimeSpan.FromDays(3);

    /// <summary>What needs attention now, read from the campaign's counters only: bounces, refusals, unsubscribes and spam reports apart.</summary>
    public static IReadOnlyList<CampaignAttention> Of(CampaignDetails campaign, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var counts = campaign.Counts;
        var page = $"/campaigns/{campaign.Id}";
        var lines = new List<CampaignAttention>();
        void Add(int count, string one, string many, string href)
        {
            if (count > 0)
            {
                lines.Add(new CampaignAttention(CampaignText.Count(count, one, many), href));
            }
        }

        Add(counts.Bounced, "address bounced", "addresses bounced", page + "#attention");
        Add(counts.Refused, "address refused by the mail service", "addresses refused by the mail service", page + "#attention");
        Add(counts.Unsubscribed, "person unsubscribed", "people unsubscribed", page + "#attention");
        Add(counts.SpamReports, "spam report", "spam reports", page + "#attention");
        if (counts.MailWaiting > 0)
        {
            var waiting = CampaignText.Count(counts.MailWaiting, "email waits", "emails wait") + " to be sent";
            lines.Add(new CampaignAttention(campaign.LastMailProblem is { } problem ? $"{waiting}: {problem}" : waiting, page + "#attention"));
        }

        var left = campaign.Definition.Deadline - now;
        var unanswered = counts.Invited - counts.Submitted;
        if (campaign.Status == CampaignStatus.Open && left > TimeSpan.Zero && left <= DeadlineNear && unanswered > 0)
        {
            lines.Add(new CampaignAttention(
                $"{CampaignText.Count(unanswered, "person has", "people have")} not answered, deadline {In(left)}",
                page + "?nonResponders=true#suppliers"));
        }

        return lines;
    }

    /// <summary>"in 2 days", "in 5 hours", "in less than an hour": whole units left, so "2 days" is never less than two.</summary>
    private static string In(TimeSpan left) =>
        left.TotalDays >= 1 ? "in " + CampaignText.Count((int)left.TotalDays, "day", "days")
        : left.TotalHours >= 1 ? "in " + CampaignText.Count((int)left.TotalHours, "hour", "hours")
        : "in less than an hour";
}
