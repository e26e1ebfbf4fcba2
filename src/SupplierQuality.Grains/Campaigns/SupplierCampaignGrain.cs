using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplierQuality.Email.Languages;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Campaigns;

[GrainType("supplier-campaign")]
public sealed class SupplierCampaignGrain(
    [PersistentState("suppliercampaign")] IPersistentState<SupplierCampaignState> state,
    IOptions<CampaignOptions> options,
    ILogger<SupplierCampaignGrain> logger) : Grain, ISupplierCampaignGrain
{
    /// <summary>How long after a scores report the scorecard did not take it is sent again.</summary>
    private static readonly TimeSpan ScoresRetry = TimeSpan.FromSeconds(5);

    private const string Invite = "invite";
    private const string Reminder = "reminder-";
    private const string Resend = "resend-";
    private const string HandReminder = "nudge-";

    private byte[]? _linkKey;

    private ReservedRevisions<SupplierCampaignState>? _revisions;

    /// <summary>Whether the stored state says clean (<see cref="SupplierCampaignState.Clean"/>): then a change must be written.</summary>
    private bool _storedClean;

    /// <summary>What the scorecard was last sent: the responses' versions summed, and the invitations counted.</summary>
    private (int Versions, int Invitations)? _publishedScores;

    /// <summary>Sends the scores again while the scorecard has not taken the latest (its node died, say).</summary>
    private IGrainTimer? _scoresRetry;

    private Guid CampaignId => this.GetPrimaryKey(out _);

    /// <summary>Progress is kept in memory between writes (docs/adr/0005).</summary>
    private ReservedRevisions<SupplierCampaignState> Revisions => _revisions ??= new(state, this);

    private Guid SupplierIdFromKey()
    {
        this.GetPrimaryKey(out var supplier);
        return Guid.ParseExact(supplier!, "N");
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        s.Invitations.ForEach(e => e.MoveStoredProgress());
        _storedClean = s.Clean;
        s.Clean = false;
        Revisions.Resume();

        // After a crash the stored progress may be behind the invitations: read them all before anything uses it (a
        // reminder pass must not ask someone who answered). Invitations only send this grain one-way calls, so
        // asking them here cannot wait on a call that waits on this activation.
        if (!_storedClean && s.Invitations.Count > 0)
        {
            await RecountAsync();
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        state.State.Clean = true;
        await Revisions.DeactivateAsync(write: !_storedClean, cancellationToken);
        if (_scoresRetry is not null)
        {
            // The retry timer dies with this activation; a last try, as nothing else would tell the scorecard again.
            await SendScoresAsync(Scores(), ScoresSignature());
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingMail>> PrepareMailAsync(SupplierCampaignBrief brief, MailPass pass, int reminderNumber) =>
        (await PrepareMailsAsync(brief, pass, reminderNumber)).Mails;

    public async Task<PreparedMail> PrepareMailsAsync(SupplierCampaignBrief brief, MailPass pass, int reminderNumber)
    {
        ArgumentNullException.ThrowIfNull(brief);
        var s = state.State;
        if (pass == MailPass.Invite)
        {
            await IssueInvitationsAsync(brief);
        }

        foreach (var entry in s.Invitations.Where(e => e.Problem is null))
        {
            // An evaluator's reminders are their digest's to send, listing every supplier still to rate.
            var digested = brief.EvaluatorDigests && entry.Kind == RecipientKind.Evaluator;
            var purpose = pass switch
            {
                MailPass.Invite => Invite,
                // Only a reminder later than any sent or waiting: a retried older pass adds nothing.
                MailPass.Remind when !digested && NeedsReminder(entry) && reminderNumber > LatestReminder(entry) => $"{Reminder}{reminderNumber}",
                MailPass.RemindNow when !digested && NeedsReminder(entry) => $"{HandReminder}{reminderNumber}",
                _ => null,
            };
            if (purpose is not null && !entry.Sent.Contains(purpose) && !entry.Waiting.Contains(purpose))
            {
                // A reminder held back by a mail outage is replaced by the later one, so the contact gets one, not both.
                entry.Waiting.RemoveAll(w => w.StartsWith(Reminder, StringComparison.Ordinal) || w.StartsWith(HandReminder, StringComparison.Ordinal));
                entry.Waiting.Add(purpose);
            }
        }

        // Checked at every send, not once: an address can be unsubscribed between the invitation and a reminder.
        foreach (var entry in s.Invitations.Where(e => e.Waiting.Count > 0))
        {
            if (await GrainFactory.GetMailSuppression(entry.Email).ReasonAsync() is { } reason)
            {
                entry.Waiting.Clear();
                entry.Problem = $"Not sent: the address is suppressed ({reason}).";
            }
        }

        await ChangedAsync();
        var key = await LinkKeyAsync();
        // A digested evaluator's "invite" waits for the digest that lists it: the digest's outcome marks it (MarkSentAsync).
        bool InDigest(InvitationEntry e, string purpose) => brief.EvaluatorDigests && e.Kind == RecipientKind.Evaluator && purpose == Invite;
        return new PreparedMail(
            [.. s.Invitations.SelectMany(e => e.Waiting.Where(p => !InDigest(e, p)).Select(purpose => Render(brief, e, purpose, key)))],
            [.. s.Invitations.Where(e => e.Waiting.Exists(p => InDigest(e, p))).Select(e => new DigestItem(e.Email, e.Name, e.Key, SupplierIdFromKey(), s.SupplierName))]);
    }

    public async Task MarkSentAsync(IReadOnlyList<MailOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var changed = false;
        foreach (var outcome in outcomes)
        {
            var purpose = outcome.Purpose;
            if (outcome.Kind == MailOutcomeKind.RetryLater || Find(outcome.InvitationKey) is not { } entry || !entry.Waiting.Remove(purpose))
            {
                continue;
            }

            if (outcome.Kind == MailOutcomeKind.Accepted)
            {
                entry.Sent.Add(purpose);
            }
            else
            {
                entry.Problem = $"Not sent: {outcome.Reason ?? "the mail service refused the address"}.";
            }

            changed = true;
        }

        if (changed)
        {
            await ChangedAsync();
        }
    }

    public async Task<ResendAnswer> QueueResendAsync(ResendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Find(request.InvitationKey) is not { } entry)
        {
            return new ResendAnswer(ResendOutcome.NotFound);
        }

        if (entry.ResendClicks.Contains(request.ClickId))
        {
            return new ResendAnswer(ResendOutcome.AlreadyDone, entry.Email);
        }

        if (entry.Progress.ResponseVersion > 0 && !request.EvenIfAnswered)
        {
            return new ResendAnswer(ResendOutcome.Answered, entry.Email);
        }

        if ((entry.Progress.Unsubscribed ? "unsubscribed" : await GrainFactory.GetMailSuppression(entry.Email).ReasonAsync()) is { } reason)
        {
            return new ResendAnswer(ResendOutcome.Suppressed, entry.Email, reason);
        }

        if (entry.Waiting.Exists(w => w.StartsWith(Resend, StringComparison.Ordinal)))
        {
            return new ResendAnswer(ResendOutcome.AlreadyWaiting, entry.Email);
        }

        if (entry.Resends >= InvitationEntry.MaxResends)
        {
            return new ResendAnswer(ResendOutcome.LimitReached, entry.Email);
        }

        entry.Resends++;
        entry.ResendClicks.Add(request.ClickId);
        entry.Waiting.Add($"{Resend}{entry.Resends}");
        // A manager's resend is a deliberate retry: it clears an earlier refusal (suppression is checked above).
        entry.Problem = null;
        await ChangedAsync();
        return new ResendAnswer(ResendOutcome.Queued, entry.Email);
    }

    public async Task SetDeadlineAsync(DateTimeOffset deadline)
    {
        foreach (var entry in state.State.Invitations)
        {
            await GrainFactory.GetGrain<IInvitationGrain>(entry.Key).SetDeadlineAsync(deadline);
        }
    }

    public async Task CloseAsync(InvitationEnding ending)
    {
        foreach (var entry in state.State.Invitations)
        {
            entry.Waiting.Clear();
            await GrainFactory.GetGrain<IInvitationGrain>(entry.Key).CloseAsync(ending);
        }

        await RecountAsync();
        await ChangedAsync();
    }

    public Task UpdateInvitationAsync(InvitationProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return Apply(progress) ? ProgressChangedAsync() : Task.CompletedTask;
    }

    public async Task<SupplierProgress> RecountAsync()
    {
        var changed = false;
        foreach (var entry in state.State.Invitations)
        {
            if (await GrainFactory.GetGrain<IInvitationGrain>(entry.Key).GetProgressAsync() is { } progress)
            {
                changed |= Apply(progress);
            }
        }

        if (changed)
        {
            await ProgressChangedAsync();
        }

        return Progress();
    }

    public async Task PublishScoresAsync()
    {
        await RecountAsync();
        await GrainFactory.GetSupplierScorecard(SupplierIdFromKey()).ReplaceCampaignAsync(Scores());
        _publishedScores = ScoresSignature();
    }

    public Task<SupplierCampaignDetails?> GetAsync()
    {
        var s = state.State;
        if (!s.Invited && s.Invitations.Count == 0)
        {
            return Task.FromResult<SupplierCampaignDetails?>(null);
        }

        var lines = s.Invitations.Select(e => new InvitationLine(
            e.Key, e.Kind, e.Name, e.Email, e.Progress.Status, e.Progress.Delivery, e.Progress.ResponseVersion, e.Progress.Scores?.Overall,
            e.Sent.ToArray(), e.Waiting.ToArray(), e.Problem, e.Progress.Unsubscribed, e.Progress.SpamReported)).ToArray();
        return Task.FromResult<SupplierCampaignDetails?>(
            new SupplierCampaignDetails(
                CampaignId, SupplierIdFromKey(), s.SupplierName, lines, Progress(), s.Skipped.ToArray(),
                [.. Scores().Groups.Select(g => new GroupAggregate(RankingCalculator.Result(g), RankingCalculator.Dimensions([g])))]));
    }

    private async Task IssueInvitationsAsync(SupplierCampaignBrief brief)
    {
        var s = state.State;
        var supplierId = SupplierIdFromKey();
        var supplier = await GrainFactory.GetGrain<ISupplierGrain>(supplierId).GetAsync();
        s.Invited = true;
        if (supplier is null)
        {
            AddSkipped("The supplier no longer exists.");
            return;
        }

        s.SupplierName = supplier.Name;
        var recipients = supplier.Contacts
            .Where(c => !supplier.UndeliverableEmails.Contains(c.Email, StringComparer.OrdinalIgnoreCase))
            .Select(c => (Kind: RecipientKind.Contact, Name: c.Name ?? c.Email, c.Email, Language: Language.FirstOf(c.Language, brief.Language)))
            .Concat(brief.Evaluators.Select(e => (Kind: RecipientKind.Evaluator, e.Name, e.Email, Language: brief.EvaluatorLanguage)))
            .ToList();
        foreach (var bad in supplier.UndeliverableEmails)
        {
            AddSkipped($"{bad}: earlier mail bounced; fix the address on the supplier.");
        }

        if (!supplier.Contacts.Any())
        {
            AddSkipped("The supplier has no contacts to ask.");
        }

        var key = await LinkKeyAsync();
        foreach (var (kind, name, email, language) in recipients)
        {
            if (s.Invitations.Exists(e => e.Kind == kind && string.Equals(e.Email, email, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var token = InvitationLinks.Token(key, InvitationLinks.Identity(CampaignId, supplierId, kind, email));
            var invitationKey = InvitationToken.Hash(token);
            var result = await GrainFactory.GetGrain<IInvitationGrain>(invitationKey).IssueAsync(new IssueInvitation(
                CampaignId, supplierId, name, email, brief.QuestionnaireId, brief.QuestionnaireVersion,
                brief.BuyerName, brief.CampaignName, brief.Deadline, kind, supplier.Name, brief.TextsFor(kind).Intro, brief.Zone.Id, Stored(language)));
            if (result.Outcome == InvitationOutcome.Invalid)
            {
                AddSkipped($"{email}: {result.Errors.Values.SelectMany(m => m).FirstOrDefault()}");
                continue;
            }

            // Conflict means an earlier attempt issued it before the deadline moved or the contact was renamed:
            // the invitation exists, and the deadline pass brings it up to date.
            s.Invitations.Add(new InvitationEntry { Key = invitationKey, Kind = kind, Name = name, Email = email, Progress = InvitationProgress.Issued(invitationKey), Language = Stored(language) });
        }
    }

    /// <summary>English is stored as none, as invitations made before languages have it.</summary>
    private static string? Stored(Language language) => language == Language.English ? null : language.Code;

    private static bool NeedsReminder(InvitationEntry e) =>
        e.Progress.ResponseVersion == 0
        && !e.Progress.Unsubscribed
        && e.Progress.Status != InvitationStatus.Closed
        && e.Progress.Delivery is not (MailDelivery.Bounced or MailDelivery.Dropped)
        && e.Sent.Contains(Invite);

    /// <summary>The number of the latest reminder sent or waiting; 0 for none.</summary>
    private static int LatestReminder(InvitationEntry e) =>
        e.Sent.Concat(e.Waiting)
            .Where(p => p.StartsWith(Reminder, StringComparison.Ordinal))
            .Select(p => int.TryParse(p.AsSpan(Reminder.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();

    private PendingMail Render(SupplierCampaignBrief brief, InvitationEntry entry, string purpose, byte[] key)
    {
        var token = InvitationLinks.Token(key, InvitationLinks.Identity(CampaignId, SupplierIdFromKey(), entry.Kind, entry.Email));
        var link = InvitationLinks.SurveyUrl(options.Value.PublicBaseUrl, token);
        // A colleague cannot opt out of rating suppliers: no unsubscribe link, and the email says whom to ask (docs/adr/0007).
        var unsubscribe = entry.Kind == RecipientKind.Evaluator ? string.Empty : InvitationLinks.UnsubscribeUrl(options.Value.PublicBaseUrl, token);
        var language = Language.FirstOf(entry.Language);
        var values = new MailTemplateValues(
            state.State.SupplierName, entry.Name, SurveyEmail.FormatDeadline(brief.Deadline, brief.Zone, language), link, unsubscribe, brief.BuyerName);
        var (subject, intro) = brief.TextsFor(entry.Kind, language);
        if (purpose.StartsWith(HandReminder, StringComparison.Ordinal)
            && int.TryParse(purpose.AsSpan(HandReminder.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && brief.HandReminderLine(number) is { Length: > 0 } line)
        {
            // The manager's own words first; the group's intro follows as the invitation had it.
            intro = $"{line}\n\n{intro}";
        }

        var email = SurveyEmail.Render(
            Subject(purpose, subject, entry, RespondentTexts.For(language)), intro, values, brief.BuyerName,
            OrganisationMail.Sender(brief.Organisation, options.Value.PublicBaseUrl, entry.Kind, state.State.SupplierName, brief.BuyerName, language),
            language);
        return new PendingMail($"{entry.Key}.{purpose}", entry.Key, entry.Email, entry.Name, email.Subject, email.HtmlBody, email.TextBody, unsubscribe, purpose);
    }

    /// <summary>A resend is not a reminder: it goes on a manager's word, and may go to someone who has answered.</summary>
    private static string Subject(string purpose, string subject, InvitationEntry entry, RespondentTexts t) =>
        purpose == Invite ? subject
        : !purpose.StartsWith(Resend, StringComparison.Ordinal) ? t.Format("SubjectReminder", subject)
        : entry.Progress.ResponseVersion > 0 ? t.Format("SubjectResendAnswered", subject)
        : t.Format("SubjectResend", subject);

    private bool Apply(InvitationProgress progress)
    {
        if (Find(progress.InvitationKey) is not { } entry || progress.Revision <= entry.Progress.Revision)
        {
            return false;
        }

        // An invitation stored before endings were kept apart reports Closed: what it reached before still counts.
        // Scores in arrays: a list type made by the sender's serializer is not one the JSON storage can name.
        entry.Progress = progress with
        {
            Status = progress.Status == InvitationStatus.Closed ? entry.Progress.Status : progress.Status,
            Scores = progress.Scores is { } scores ? scores with { Dimensions = scores.Dimensions.ToArray(), Nps = scores.Nps.ToArray() } : null,
        };
        return true;
    }

    private SupplierProgress Progress()
    {
        var all = state.State.Invitations;
        return new SupplierProgress(
            SupplierIdFromKey(),
            state.State.SupplierName,
            state.State.Revision,
            Invited: all.Count,
            Sent: all.Count(e => e.Sent.Count > 0),
            Delivered: all.Count(e => e.Progress.Delivery == MailDelivery.Delivered),
            Bounced: all.Count(e => e.Progress.Delivery == MailDelivery.Bounced),
            Opened: all.Count(e => e.Progress.EmailOpened || e.Progress.Status is InvitationStatus.Opened or InvitationStatus.InProgress or InvitationStatus.Submitted),
            Started: all.Count(e => e.Progress.Status == InvitationStatus.InProgress || e.Progress.ResponseVersion > 0),
            Submitted: all.Count(e => e.Progress.ResponseVersion > 0),
            MailWaiting: all.Sum(e => e.Waiting.Count),
            InternalEvaluationMean: MeanOf(RecipientKind.Evaluator),
            SelfAssessmentMean: MeanOf(RecipientKind.Contact),
            Refused: all.Count(e => e.Progress.Delivery != MailDelivery.Bounced && (e.Progress.Delivery == MailDelivery.Dropped || e.Problem is not null)),
            Unsubscribed: all.Count(e => e.Progress.Unsubscribed && !e.Progress.SpamReported),
            SpamReports: all.Count(e => e.Progress.SpamReported));

        decimal? MeanOf(RecipientKind group) =>
            all.Where(e => e.Kind == group && e.Progress.ResponseVersion > 0 && e.Progress.Scores?.Overall is not null).Select(e => e.Progress.Scores!.Overall!.Value).ToList() is { Count: > 0 } scores
                ? Math.Round(scores.Average(), 1)
                : null;
    }

    private InvitationEntry? Find(string invitationKey) => state.State.Invitations.Find(e => e.Key == invitationKey);

    private void AddSkipped(string reason)
    {
        if (!state.State.Skipped.Contains(reason) && state.State.Skipped.Count < SupplierCampaignState.MaxSkipped)
        {
            state.State.Skipped.Add(reason);
        }
    }

    private async Task<byte[]> LinkKeyAsync() =>
        _linkKey ??= await GrainFactory.GetGrain<IInvitationLinkKeyGrain>(0).GetAsync();

    private CampaignScores Scores() => CampaignScores.From(CampaignId, state.State.Revision, state.State.Invitations);

    // Every response version counts up by one when it is applied, so the sum changes with each new or edited response.
    private (int Versions, int Invitations) ScoresSignature() =>
        (state.State.Invitations.Sum(e => e.Progress.ResponseVersion), state.State.Invitations.Count);

    /// <summary>A change of this grain's own (mail, skipped recipients): written, then told as progress is.</summary>
    private async Task ChangedAsync()
    {
        await Revisions.NextAsync(write: true);
        _storedClean = false;
        await ReportAsync();
    }

    /// <summary>
    /// A change in the invitations' progress, which they hold durably: kept in memory, and written only when the
    /// reserved revisions run out (or the stored state still says clean), at deactivation, or with the next change of
    /// this grain's own. A crash in between costs a recount at the next activation, not a write per answer.
    /// </summary>
    private async Task ProgressChangedAsync()
    {
        if (await Revisions.NextAsync(write: _storedClean))
        {
            _storedClean = false;
        }

        await ReportAsync();
    }

    /// <summary>
    /// Tells the campaign (one-way: it may be in the middle of a call to this grain) and, when responses changed, the
    /// supplier's scorecard.
    /// </summary>
    private async Task ReportAsync()
    {
        await GrainFactory.GetGrain<ICampaignGrain>(CampaignId).ReportProgressAsync(Progress());
        PublishScores();
    }

    /// <summary>
    /// Sends the scorecard the campaign's line without waiting for it in this turn, but watches the answer, which a
    /// one-way call would not: a call lost with the scorecard's node would leave the scorecard and the ranking behind
    /// until the next answer. A failure sends again on a timer; a later line replaces an earlier one, so only the
    /// latest needs to arrive.
    /// </summary>
    private void PublishScores()
    {
        var signature = ScoresSignature();
        if (signature != _publishedScores)
        {
            _publishedScores = signature;
            _ = SendScoresAsync(Scores(), signature);
        }
    }

    private async Task SendScoresAsync(CampaignScores scores, (int Versions, int Invitations) signature)
    {
        try
        {
            await GrainFactory.GetSupplierScorecard(SupplierIdFromKey()).UpdateCampaignAsync(scores);
            if (_publishedScores == signature)
            {
                _scoresRetry?.Dispose();
                _scoresRetry = null;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The scorecard of supplier {Supplier} did not take campaign {Campaign}'s scores; they go again in {Retry}.", SupplierIdFromKey(), CampaignId, ScoresRetry);
            if (_publishedScores == signature)
            {
                _publishedScores = null;
            }

            _scoresRetry ??= this.RegisterGrainTimer(
                () =>
                {
                    PublishScores();
                    return Task.CompletedTask;
                },
                new GrainTimerCreationOptions(ScoresRetry, ScoresRetry));
        }
    }
}
