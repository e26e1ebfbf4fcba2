using System.Globalization;
using Microsoft.Extensions.Options;
using SupplierQuality.Email.Languages;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Organisation;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// One evaluator's digests in one campaign (see <see cref="IEvaluatorDigestGrain"/>, docs/adr/0007). Mail is sent as
/// the suppliers' campaigns send theirs: the intent is written before the digest is rendered, the outcome after the
/// mail service answered, and a digest's id is fixed, so a retried or resumed step sends it once (at least once
/// across a crash while a request is in flight, like every campaign email).
/// </summary>
[GrainType("evaluator-digest")]
public sealed class EvaluatorDigestGrain(
    [PersistentState("evaluatordigest")] IPersistentState<EvaluatorDigestState> state,
    IOptions<CampaignOptions> options,
    TimeProvider time) : Grain, IEvaluatorDigestGrain
{
    private const string Invite = "invite-";
    private const string Reminder = "reminder-";
    private const string HandReminder = "nudge-";

    /// <summary>The purpose the suppliers' campaigns record an invitation digest under, as they do their own invitations.</summary>
    private const string InvitePurpose = "invite";

    /// <summary>Calls in flight at once when a digest reads its invitations or tells its suppliers' campaigns.</summary>
    private const int FanOut = 64;

    private Dictionary<string, int>? _lineIndex;

    private byte[]? _linkKey;

    public async Task<DigestLinesAnswer> AddLinesAsync(Guid campaignId, IReadOnlyList<DigestItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var s = state.State;
        if (s.Email.Length == 0 && items.Count > 0)
        {
            s.CampaignId = campaignId;
            s.Email = items[0].EvaluatorEmail;
            s.Name = items[0].EvaluatorName;
        }

        var index = LineIndex();
        var added = false;
        foreach (var item in items.Where(i => !index.ContainsKey(i.InvitationKey)))
        {
            index[item.InvitationKey] = s.Lines.Count;
            s.Lines.Add(new EvaluatorDigestLine { SupplierId = item.SupplierId, SupplierName = item.SupplierName, InvitationKey = item.InvitationKey });
            added = true;
        }

        if (added)
        {
            await WriteAsync();
        }

        var settled = items
            .Select(i => (i.InvitationKey, Mail: BroughtBy(index[i.InvitationKey])))
            .Where(x => x.Mail is { Status: not EvaluatorDigestMailStatus.Waiting })
            .Select(x => Outcome(x.InvitationKey, x.Mail!))
            .ToList();
        return new DigestLinesAnswer(settled, s.Lines.Count > SettledLines());
    }

    public async Task<IReadOnlyList<PendingMail>> PrepareAsync(SupplierCampaignBrief brief, MailPass pass, int number)
    {
        ArgumentNullException.ThrowIfNull(brief);
        var s = state.State;
        await RecordAsync();
        if (s.Lines.Count == 0)
        {
            return [];
        }

        var changed = false;
        InvitationProgress?[]? progress = null;
        if (pass == MailPass.Invite && s.Lines.Count > CoveredLines())
        {
            // Suppliers reached since the last invitation digest: one more, or the one still waiting grows to list them.
            if (s.Mails.FindLast(m => IsInvite(m) && m.Status == EvaluatorDigestMailStatus.Waiting) is { } unsent)
            {
                unsent.Lines = s.Lines.Count;
            }
            else
            {
                s.Mails.Add(new EvaluatorDigestMail { Purpose = $"{Invite}{s.Mails.Count(IsInvite) + 1}", Lines = s.Lines.Count });
            }

            changed = true;
        }
        else if (pass is MailPass.Remind or MailPass.RemindNow)
        {
            var purpose = pass == MailPass.Remind ? $"{Reminder}{number}" : $"{HandReminder}{number}";
            // Only a reminder later than any sent or waiting: a retried older pass adds nothing.
            var due = pass == MailPass.Remind ? number > LatestReminder() : !s.Mails.Exists(m => m.Purpose == purpose);
            var invited = SentLines();
            if (due && invited > 0)
            {
                progress = await ReadAsync(invited);
                if (progress.Any(Unanswered))
                {
                    // A reminder held back by a mail outage is replaced by the later one, so the evaluator gets one, not both.
                    s.Mails.RemoveAll(m => m.Status == EvaluatorDigestMailStatus.Waiting && !IsInvite(m));
                    s.Mails.Add(new EvaluatorDigestMail { Purpose = purpose, Lines = invited, Recorded = true });
                    changed = true;
                }
            }
        }

        var waiting = s.Mails.Where(m => m.Status == EvaluatorDigestMailStatus.Waiting).ToList();

        // Checked at every send: an address can bounce or report spam between the invitation and a reminder.
        if (waiting.Count > 0 && await GrainFactory.GetMailSuppression(s.Email).ReasonAsync() is { } reason)
        {
            foreach (var mail in waiting)
            {
                mail.Status = EvaluatorDigestMailStatus.Refused;
                mail.Reason = $"the address is suppressed ({reason})";
                mail.At = time.GetUtcNow();
                mail.Recorded = !IsInvite(mail);
            }

            waiting.Clear();
            changed = true;
        }

        if (changed)
        {
            await WriteAsync();
        }

        await RecordAsync();
        if (waiting.Count == 0)
        {
            return [];
        }

        var needed = waiting.Max(m => m.Lines);
        if (progress is null || progress.Length < needed)
        {
            progress = await ReadAsync(needed);
        }

        var key = await LinkKeyAsync();
        var rendered = new List<PendingMail>();
        foreach (var mail in waiting)
        {
            var listed = Enumerable.Range(0, mail.Lines).Where(i => IsInvite(mail) || Unanswered(progress[i])).ToList();
            if (listed.Count > 0)
            {
                rendered.Add(Render(brief, mail, listed, progress, key));
            }
            else
            {
                // Everyone it would remind has answered since it was meant: it goes unsent.
                s.Mails.Remove(mail);
            }
        }

        if (rendered.Count < waiting.Count)
        {
            await WriteAsync();
        }

        return rendered;
    }

    public async Task MarkSentAsync(IReadOnlyList<MailOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var changed = false;
        foreach (var outcome in outcomes.Where(o => o.Kind != MailOutcomeKind.RetryLater))
        {
            if (state.State.Mails.Find(m => m.Purpose == outcome.Purpose && m.Status == EvaluatorDigestMailStatus.Waiting) is not { } mail)
            {
                continue;
            }

            var accepted = outcome.Kind == MailOutcomeKind.Accepted;
            mail.Status = accepted ? EvaluatorDigestMailStatus.Sent : EvaluatorDigestMailStatus.Refused;
            mail.Reason = accepted ? null : outcome.Reason ?? "the mail service refused the address";
            mail.At = outcome.At;
            mail.Recorded = !IsInvite(mail);
            changed = true;
        }

        if (changed)
        {
            await WriteAsync();
        }

        await RecordAsync();
    }

    public async Task<bool> RecordDeliveryAsync(string purpose, DeliveryEvent delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        // Waiting too: the service's first events may arrive before the outcome of the send is written.
        if (state.State.Mails.Find(m => m.Purpose == purpose) is not { } mail)
        {
            return false;
        }

        await FanOutAsync(state.State.Lines.Take(mail.Lines).ToList(), l => GrainFactory.GetGrain<IInvitationGrain>(l.InvitationKey).RecordDeliveryAsync(delivery));
        return true;
    }

    public Task<EvaluatorDigestDetails?> GetAsync()
    {
        var s = state.State;
        return Task.FromResult(s.Email.Length == 0
            ? null
            : new EvaluatorDigestDetails(
                s.CampaignId,
                s.Email,
                s.Name,
                [.. s.Lines.Select(l => l.SupplierName)],
                [.. s.Mails.Select(m => new EvaluatorDigestMailLine(m.Purpose, m.Lines, m.Status, m.Reason))]));
    }

    /// <summary>
    /// Tells the suppliers' campaigns what each invitation digest that was sent or refused did, once: the invitations it
    /// brought are sent (or have its problem) there, which is what the campaign's counters and pages read.
    /// </summary>
    private async Task RecordAsync()
    {
        var s = state.State;
        var from = 0;
        var recorded = false;
        foreach (var mail in s.Mails.Where(IsInvite))
        {
            if (mail.Status != EvaluatorDigestMailStatus.Waiting && !mail.Recorded)
            {
                var brought = s.Lines.Skip(from).Take(mail.Lines - from).GroupBy(l => l.SupplierId).ToList();
                await FanOutAsync(brought, g => GrainFactory.GetSupplierCampaign(s.CampaignId, g.Key).MarkSentAsync([.. g.Select(l => Outcome(l.InvitationKey, mail))]));
                mail.Recorded = true;
                recorded = true;
            }

            from = Math.Max(from, mail.Lines);
        }

        if (recorded)
        {
            await WriteAsync();
        }
    }

    private PendingMail Render(SupplierCampaignBrief brief, EvaluatorDigestMail mail, List<int> listed, InvitationProgress?[] progress, byte[] key)
    {
        var s = state.State;
        var reminder = !IsInvite(mail);
        var language = brief.EvaluatorLanguage;
        var (subject, intro) = brief.TextsFor(RecipientKind.Evaluator, language);
        if (mail.Purpose.StartsWith(HandReminder, StringComparison.Ordinal)
            && int.TryParse(mail.Purpose.AsSpan(HandReminder.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && brief.HandReminderLine(number) is { Length: > 0 } line)
        {
            // The manager's own words first, as in the contacts' reminders.
            intro = $"{line}\n\n{intro}";
        }

        // Suppliers added to a running campaign are marked new in the invitation digest that brings them.
        var newFrom = reminder ? int.MaxValue : s.Mails.TakeWhile(m => m != mail).Where(IsInvite).Select(m => m.Lines).DefaultIfEmpty(int.MaxValue).Max();
        var lines = listed.Select(i => new DigestLine(
            s.Lines[i].SupplierName,
            InvitationLinks.SurveyUrl(options.Value.PublicBaseUrl, InvitationLinks.Token(key, InvitationLinks.Identity(s.CampaignId, s.Lines[i].SupplierId, RecipientKind.Evaluator, s.Email))),
            State(progress[i]),
            New: i >= newFrom)).ToList();
        var email = EvaluatorDigestEmail.Render(
            reminder ? RespondentTexts.For(language).Format("SubjectReminder", subject) : subject,
            intro,
            s.Name,
            SurveyEmail.FormatDeadline(brief.Deadline, brief.Zone, language),
            lines,
            reminder,
            mail.Lines,
            brief.BuyerName,
            OrganisationMail.DigestSender(brief.Organisation, options.Value.PublicBaseUrl, brief.BuyerName, language),
            language);
        var digestKey = this.GetPrimaryKeyString();
        return new PendingMail(
            EvaluatorDigest.MessageId(digestKey, mail.Purpose), digestKey, s.Email, s.Name, email.Subject, email.HtmlBody, email.TextBody, string.Empty, mail.Purpose);
    }

    private static DigestFormState State(InvitationProgress? p) => p switch
    {
        { ResponseVersion: > 0 } => DigestFormState.Submitted,
        { Status: InvitationStatus.InProgress } => DigestFormState.InProgress,
        { Status: InvitationStatus.Opened } => DigestFormState.Opened,
        _ => DigestFormState.NotOpened,
    };

    private static bool Unanswered(InvitationProgress? p) => p is { ResponseVersion: 0 } && p.Status != InvitationStatus.Closed;

    private static bool IsInvite(EvaluatorDigestMail m) => m.Purpose.StartsWith(Invite, StringComparison.Ordinal);

    private MailOutcome Outcome(string invitationKey, EvaluatorDigestMail mail) => new(
        invitationKey,
        InvitePurpose,
        mail.Status == EvaluatorDigestMailStatus.Sent ? MailOutcomeKind.Accepted : MailOutcomeKind.Rejected,
        mail.Reason,
        mail.At ?? time.GetUtcNow());

    /// <summary>The invitation digest whose lines include line <paramref name="index"/>, or null while none does.</summary>
    private EvaluatorDigestMail? BroughtBy(int index) =>
        state.State.Mails.Where(IsInvite).FirstOrDefault(m => m.Lines > index);

    /// <summary>Lines in an invitation digest, waiting or not.</summary>
    private int CoveredLines() => state.State.Mails.Where(IsInvite).Select(m => m.Lines).DefaultIfEmpty(0).Max();

    /// <summary>Lines whose invitation digest was sent or refused: nothing more is due for them.</summary>
    private int SettledLines() =>
        state.State.Mails.Where(m => IsInvite(m) && m.Status != EvaluatorDigestMailStatus.Waiting).Select(m => m.Lines).DefaultIfEmpty(0).Max();

    /// <summary>Lines whose invitation digest was sent: the suppliers a reminder may name.</summary>
    private int SentLines() =>
        state.State.Mails.Where(m => IsInvite(m) && m.Status == EvaluatorDigestMailStatus.Sent).Select(m => m.Lines).DefaultIfEmpty(0).Max();

    /// <summary>The number of the latest reminder sent or waiting; 0 for none.</summary>
    private int LatestReminder() =>
        state.State.Mails
            .Where(m => m.Purpose.StartsWith(Reminder, StringComparison.Ordinal))
            .Select(m => int.TryParse(m.Purpose.AsSpan(Reminder.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();

    /// <summary>The first <paramref name="count"/> lines' invitations as they stand now (null for one not found).</summary>
    private async Task<InvitationProgress?[]> ReadAsync(int count)
    {
        var lines = state.State.Lines;
        var read = new InvitationProgress?[count];
        await FanOutAsync(
            Enumerable.Range(0, count).ToList(),
            async i => read[i] = await GrainFactory.GetGrain<IInvitationGrain>(lines[i].InvitationKey).GetProgressAsync());
        return read;
    }

    private static async Task FanOutAsync<T>(IReadOnlyList<T> items, Func<T, Task> call)
    {
        foreach (var chunk in items.Chunk(FanOut))
        {
            await Task.WhenAll(chunk.Select(call));
        }
    }

    private Dictionary<string, int> LineIndex()
    {
        if (_lineIndex is null)
        {
            var lines = state.State.Lines;
            _lineIndex = new Dictionary<string, int>(lines.Count, StringComparer.Ordinal);
            for (var i = 0; i < lines.Count; i++)
            {
                _lineIndex[lines[i].InvitationKey] = i;
            }
        }

        return _lineIndex;
    }

    private async Task<byte[]> LinkKeyAsync() =>
        _linkKey ??= await GrainFactory.GetGrain<IInvitationLinkKeyGrain>(0).GetAsync();

    private Task WriteAsync() => state.WriteOrDeactivateAsync(this);
}
