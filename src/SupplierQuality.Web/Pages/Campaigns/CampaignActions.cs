using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Web.Campaigns;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>The campaign commands the pages run from more than one place, and what they tell the manager.</summary>
internal static class CampaignActions
{
    /// <summary>What a launched campaign does next: send now, or at its opening time (in the reader's <paramref name="zone"/>).</summary>
    public static async Task<string> LaunchedMessageAsync(ICampaignGrain campaign, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(zone);
        return await campaign.GetAsync() is { Status: CampaignStatus.Scheduled, Definition.OpensAt: { } opens }
            ? $"Launched: the invitations go out at {zone.Show(opens)}."
            : "Launched: the invitations are going out now.";
    }

    /// <summary>"Launching sends 17 emails to 12 people at 5 suppliers now; reminders on days 3 and 7 ...": what the confirmation confirms.</summary>
    /// <remarks>Times in the reader's <paramref name="zone"/>; the deadline also as respondents will read it, when their zone differs.</remarks>
    public static string LaunchPlanText(LaunchPlan plan, CampaignDefinition definition, DateTimeOffset now, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(zone);
        var when = definition.OpensAt is { } opens && opens > now ? $"at {zone.Show(opens)}" : "now";
        var what = plan.Counted
            ? $"Launching sends {CampaignText.Count(plan.Emails, "email", "emails")} to {CampaignText.Count(plan.People, "person", "people")} at {CampaignText.Count(plan.Suppliers, "supplier", "suppliers")} {when}"
                + (plan.Unreachable > 0 ? $" ({CampaignText.Count(plan.Unreachable, "contact is", "contacts are")} left out: bounced, unsubscribed or reported spam)" : string.Empty)
            : $"Launching invites the contacts of {CampaignText.Count(plan.Suppliers, "supplier", "suppliers")} {when} (too many to count their contacts here)";
        if (definition.Audience != AudienceKind.Chosen && when != "now")
        {
            what += ", as the audience stands today";
        }

        return $"{what}; {ReminderText(definition.ReminderDays)}; the forms close at {zone.Show(definition.Deadline)}{RespondentsRead(definition, zone)}.";
    }

    /// <summary>
    /// ", which respondents read as 1 April 2099, 01:00 (UTC+08:00, Asia/Shanghai)" when the campaign's zone is not the
    /// reader's: the emails and forms write the deadline in the campaign's zone.
    /// </summary>
    public static string RespondentsRead(CampaignDefinition definition, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(zone);
        var theirs = Zone.OrUtc(definition.TimeZone);
        return theirs.Id == zone.Id ? string.Empty : $", which respondents read as {theirs.Show(definition.Deadline)}";
    }

    /// <summary>What closing early ends: who can no longer answer, what counts, which reminders will not go.</summary>
    public static string CloseText(CampaignDetails campaign, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var counts = campaign.Counts;
        var waiting = counts.Invited - counts.Submitted;
        var left = campaign.OpenedAt is { } opened
            ? campaign.Definition.ReminderDays.Where(day => opened.AddDays(day) > now).ToList()
            : [.. campaign.Definition.ReminderDays];
        return $"Closing now makes every form read-only: {CampaignText.Count(waiting, "person who has", "people who have")} not answered can no longer answer; "
            + $"the {CampaignText.Count(counts.Submitted, "answer", "answers")} so far count"
            + (left.Count > 0 ? $"; the {(left.Count == 1 ? "reminder" : "reminders")} of {Days(left)} will not be sent." : ".");
    }

    private static string ReminderText(IReadOnlyList<int> days) =>
        days.Count == 0 ? "no reminders" : $"reminders on {Days(days)} to those who have not answered";

    /// <summary>"day 3", "days 3 and 7", "days 3, 7 and 10".</summary>
    private static string Days(IReadOnlyList<int> days) =>
        days.Count == 1 ? $"day {days[0]}" : $"days {string.Join(", ", days.Take(days.Count - 1))} and {days[^1]}";
}
