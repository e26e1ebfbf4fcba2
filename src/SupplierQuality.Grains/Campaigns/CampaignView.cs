namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// What the campaign's page and API read, made from its state and the counters the suppliers reported: the read side
/// of <see cref="CampaignGrain"/>, which keeps only the state machine and its scheduler.
/// </summary>
internal static class CampaignView
{
    public const int MaxSuppliersPage = 500;

    public static CampaignDetails Details(
        Guid campaignId, CampaignState s, IReadOnlyList<Guid> targets, IReadOnlyDictionary<Guid, SupplierProgress> progress, DateTimeOffset now)
    {
        var lines = progress.Values;
        var counts = new CampaignCounts(
            lines.Sum(p => p.Invited),
            lines.Sum(p => p.Sent),
            lines.Sum(p => p.Delivered),
            lines.Sum(p => p.Bounced),
            lines.Sum(p => p.Opened),
            lines.Sum(p => p.Started),
            lines.Sum(p => p.Submitted),
            lines.Sum(p => p.MailWaiting),
            targets.Count,
            lines.Count(p => p.Opened > 0),
            lines.Count(p => p.Responded),
            lines.Sum(p => p.Refused),
            lines.Sum(p => p.Unsubscribed),
            lines.Sum(p => p.SpamReports));
        return new CampaignDetails(
            campaignId, s.Definition(), s.Status, s.CreatedAt, s.LaunchedAt, s.OpenedAt, s.ClosedAt, counts,
            s.RemindersStarted - s.RemindersSkipped, Work(s, targets.Count, now), s.LastMailProblem);
    }

    /// <summary>The suppliers asked, in the order they were added, each with what it last reported (zeros before that).</summary>
    public static SupplierProgressPage Suppliers(
        IReadOnlyList<Guid> targets, IReadOnlyDictionary<Guid, SupplierProgress> progress, bool nonRespondersOnly, int skip, int take)
    {
        var lines = targets.Select(id => progress.TryGetValue(id, out var p)
            ? p
            : new SupplierProgress(id, string.Empty, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null));
        if (nonRespondersOnly)
        {
            lines = lines.Where(p => !p.Responded);
        }

        var all = lines.ToList();
        return new SupplierProgressPage(all.Count, [.. all.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 0, MaxSuppliersPage))]);
    }

    /// <summary>The work under way, in words for the page; null when there is none.</summary>
    private static string? Work(CampaignState s, int targetCount, DateTimeOffset now)
    {
        if (s.Status == CampaignStatus.Scheduled)
        {
            return $"Opens {s.OpensAt:u}.";
        }

        if (s.Status == CampaignStatus.Open && s.InviteCursor < targetCount)
        {
            return $"Sending invitations: {s.InviteCursor} of {targetCount} suppliers done.";
        }

        if (s.Passes.Count > 0)
        {
            var p = s.Passes[0];
            return p.Kind switch
            {
                CampaignPassKind.Remind => $"Sending reminder {p.Number}: {p.Cursor} of {targetCount} suppliers done.",
                CampaignPassKind.SetDeadline => $"Moving the deadline: {p.Cursor} of {targetCount} suppliers done.",
                CampaignPassKind.Recount => $"Recounting: {p.Cursor} of {s.InviteCursor} suppliers done.",
                CampaignPassKind.Digests => $"Sending the evaluators' {(p.Mail == MailPass.Invite ? "invitations" : "reminders")}: {p.Cursor} of {s.DigestEvaluators().Count} evaluators done.",
                _ => $"Closing the forms: {p.Cursor} of {s.InviteCursor} suppliers done.",
            };
        }

        if (s.Retries.Count == 0)
        {
            return null;
        }

        var evaluators = s.Retries.Count(r => r.Evaluator is not null);
        var suppliers = s.Retries.Count - evaluators;
        var whose = (suppliers, evaluators) switch
        {
            (_, 0) => $"{suppliers} suppliers",
            (0, _) => $"{evaluators} {(evaluators == 1 ? "evaluator" : "evaluators")}",
            _ => $"{suppliers} suppliers and {evaluators} {(evaluators == 1 ? "evaluator" : "evaluators")}",
        };
        return s.RetryAfter is { } after && after > now
            ? $"Mail for {whose} waits to be sent again, from {after:u}."
            : $"Mail for {whose} waits to be sent again.";
    }
}
