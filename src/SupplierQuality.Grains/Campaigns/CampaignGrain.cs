using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplierQuality.Email;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Campaigns;

[GrainType("campaign")]
public sealed class CampaignGrain(
    [PersistentState("campaign")] IPersistentState<CampaignState> state,
    TimeProvider time,
    IMailSender mail,
    IOptions<CampaignOptions> options,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable
{
    private const string TickReminder = "tick";

    /// <summary>How long mail waits after the service asked us to slow down or failed, unless it said how long.</summary>
    private static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromMinutes(1);

    private CampaignSummary? _listed;
    private IGrainTimer? _next;
    private IGrainTimer? _flush;
    private bool _writeFailed;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.Created && !s.CountersCurrent && s.InviteCursor > 0 && !s.Passes.Exists(p => p.Kind == CampaignPassKind.Recount))
        {
            s.Passes.Add(new CampaignPass { Kind = CampaignPassKind.Recount });
        }

        if (HasWork())
        {
            ScheduleNext();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // After a failed write, memory may hold what storage refused: the next activation must read storage instead.
        if (!state.State.Created || _writeFailed)
        {
            return;
        }

        _flush?.Dispose();
        state.State.CountersCurrent = true;
        try
        {
            // Only the state: the campaign list may be going down with the silo too.
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Campaign {Campaign}: counters not written at deactivation; the next activation recounts.", this.GetPrimaryKey());
        }
    }

    public async Task<CampaignResult> CreateAsync(CampaignDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var d = CampaignInput.Normalize(definition);
        if (state.State.Created)
        {
            return state.State.Definition().Equals(d)
                ? CampaignResult.Of(CampaignOutcome.Ok)
                : CampaignResult.Conflict("A campaign with this id already exists with other details.");
        }

        if (await ProblemsAsync(d) is { Count: > 0 } errors)
        {
            return CampaignResult.Invalid(errors);
        }

        var s = state.State;
        s.Set(d);
        s.Created = true;
        s.Status = CampaignStatus.Draft;
        s.CreatedAt = time.GetUtcNow();
        await WriteAsync();
        return CampaignResult.Of(CampaignOutcome.Created);
    }

    public async Task<CampaignResult> UpdateAsync(CampaignDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!state.State.Created)
        {
            return CampaignResult.Of(CampaignOutcome.NotFound);
        }

        var d = CampaignInput.Normalize(definition);
        if (state.State.Status != CampaignStatus.Draft)
        {
            return state.State.Definition().Equals(d)
                ? CampaignResult.Of(CampaignOutcome.Ok)
                : CampaignResult.Conflict("A launched campaign cannot be edited; extend its deadline or add suppliers instead.");
        }

        if (await ProblemsAsync(d) is { Count: > 0 } errors)
        {
            return CampaignResult.Invalid(errors);
        }

        state.State.Set(d);
        await WriteAsync();
        return CampaignResult.Of(CampaignOutcome.Ok);
    }

    public async Task<CampaignResult> LaunchAsync()
    {
        var s = state.State;
        if (!s.Created)
        {
            return CampaignResult.Of(CampaignOutcome.NotFound);
        }

        if (s.Status is CampaignStatus.Scheduled or CampaignStatus.Open)
        {
            return CampaignResult.Of(CampaignOutcome.Ok);
        }

        if (s.Status != CampaignStatus.Draft)
        {
            return CampaignResult.Conflict($"The campaign is {s.Status.ToString().ToLowerInvariant()}.");
        }

        // Checked again: time has passed since the draft was saved, and the questionnaire may have changed.
        if (await ProblemsAsync(s.Definition()) is { Count: > 0 } errors)
        {
            return CampaignResult.Invalid(errors);
        }

        var now = time.GetUtcNow();
        if ((s.OpensAt is null || s.OpensAt <= now) && s.Audience != AudienceKind.Chosen && (await AudienceAsync()).Count == 0)
        {
            // Opening now with nobody to ask is a mistake to report, not a campaign to run.
            return CampaignResult.Invalid(new Dictionary<string, string[]>
            {
                [s.Audience == AudienceKind.Category ? "category" : "audience"] = ["No active supplier matches this audience."],
            });
        }

        s.LaunchedAt = now;
        s.Status = CampaignStatus.Scheduled;
        await OpenIfDueAsync(now);
        await WriteAsync();
        await this.RegisterOrUpdateReminder(TickReminder, options.Value.TickPeriod, options.Value.TickPeriod);
        ScheduleNext();
        return CampaignResult.Of(CampaignOutcome.Ok);
    }

    public async Task<CampaignResult> ExtendDeadlineAsync(DateTimeOffset deadline)
    {
        var s = state.State;
        if (!s.Created)
        {
            return CampaignResult.Of(CampaignOutcome.NotFound);
        }

        if (s.Status is not (CampaignStatus.Scheduled or CampaignStatus.Open))
        {
            return CampaignResult.Conflict("Only a scheduled or open campaign's deadline can move.");
        }

        if (deadline == s.Deadline)
        {
            return CampaignResult.Of(CampaignOutcome.Ok);
        }

        var opens = s.OpenedAt ?? s.OpensAt ?? time.GetUtcNow();
        if (deadline < s.Deadline || deadline <= time.GetUtcNow().AddHours(1) || deadline > opens.AddYears(1))
        {
            return CampaignResult.Invalid(new Dictionary<string, string[]>
            {
                ["deadline"] = ["The new deadline must be later than the current one, at least an hour from now and within a year of opening."],
            });
        }

        s.Deadline = deadline;
        s.Passes.RemoveAll(p => p.Kind == CampaignPassKind.SetDeadline);
        s.Passes.Add(new CampaignPass { Kind = CampaignPassKind.SetDeadline });
        await WriteAsync();
        ScheduleNext();
        return CampaignResult.Of(CampaignOutcome.Ok);
    }

    public Task<CampaignResult> CloseAsync() => EndAsync(CampaignStatus.Closed);

    public Task<CampaignResult> CancelAsync() => EndAsync(CampaignStatus.Cancelled);

    public async Task<CampaignResult> AddSuppliersAsync(IReadOnlyList<Guid> supplierIds)
    {
        ArgumentNullException.ThrowIfNull(supplierIds);
        var s = state.State;
        if (!s.Created)
        {
            return CampaignResult.Of(CampaignOutcome.NotFound);
        }

        if (s.Status is not (CampaignStatus.Scheduled or CampaignStatus.Open))
        {
            return CampaignResult.Conflict("Suppliers can be added while the campaign is scheduled or open.");
        }

        var known = s.Targets.ToHashSet();
        var added = supplierIds.Where(known.Add).ToList();
        if (s.Targets.Count + added.Count > CampaignInput.MaxChosenSuppliers)
        {
            return CampaignResult.Invalid(new Dictionary<string, string[]>
            {
                ["suppliers"] = [$"A campaign asks at most {CampaignInput.MaxChosenSuppliers:N0} suppliers."],
            });
        }

        if (added.Count > 0)
        {
            s.Targets.AddRange(added);
            await WriteAsync();
            ScheduleNext();
        }

        return CampaignResult.Of(CampaignOutcome.Ok);
    }

    public async Task<CampaignResult> ResendAsync(Guid supplierId, string invitationKey)
    {
        var s = state.State;
        if (!s.Created || !s.Targets.Contains(supplierId))
        {
            return CampaignResult.Of(CampaignOutcome.NotFound);
        }

        if (s.Status != CampaignStatus.Open)
        {
            return CampaignResult.Conflict("Invitations can be sent again while the campaign is open.");
        }

        switch (await GrainFactory.GetSupplierCampaign(this.GetPrimaryKey(), supplierId).QueueResendAsync(invitationKey))
        {
            case ResendOutcome.NotFound:
                return CampaignResult.Of(CampaignOutcome.NotFound);
            case ResendOutcome.LimitReached:
                return CampaignResult.Conflict($"This invitation was sent again {InvitationEntry.MaxResends} times already.");
            case ResendOutcome.Queued or ResendOutcome.AlreadyWaiting:
                break;
        }

        s.Retries.Add(new CampaignRetry { SupplierId = supplierId, Pass = MailPass.Waiting });
        s.RetryAfter = null;
        await WriteAsync();
        ScheduleNext();
        return CampaignResult.Of(CampaignOutcome.Ok);
    }

    public Task<CampaignDetails?> GetAsync()
    {
        var s = state.State;
        if (!s.Created)
        {
            return Task.FromResult<CampaignDetails?>(null);
        }

        var progress = s.Progress.Values;
        var counts = new CampaignCounts(
            progress.Sum(p => p.Invited),
            progress.Sum(p => p.Sent),
            progress.Sum(p => p.Delivered),
            progress.Sum(p => p.Bounced),
            progress.Sum(p => p.Opened),
            progress.Sum(p => p.Started),
            progress.Sum(p => p.Submitted),
            progress.Sum(p => p.MailWaiting),
            s.Targets.Count,
            progress.Count(p => p.Opened > 0),
            progress.Count(p => p.Responded));
        return Task.FromResult<CampaignDetails?>(new CampaignDetails(
            this.GetPrimaryKey(), s.Definition(), s.Status, s.CreatedAt, s.LaunchedAt, s.OpenedAt, s.ClosedAt, counts,
            s.RemindersStarted, Work(), s.LastMailProblem));
    }

    public Task<SupplierProgressPage> GetSuppliersAsync(bool nonRespondersOnly, int skip, int take)
    {
        var s = state.State;
        var lines = s.Targets.Select(id => s.Progress.TryGetValue(id, out var p)
            ? p
            : new SupplierProgress(id, string.Empty, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null));
        if (nonRespondersOnly)
        {
            lines = lines.Where(p => !p.Responded);
        }

        var all = lines.ToList();
        return Task.FromResult(new SupplierProgressPage(all.Count, [.. all.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 0, 500))]));
    }

    public Task ReportProgressAsync(SupplierProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        // Counters are derived (each supplier's campaign holds the truth), so they are written in the next batch or
        // within seconds, not on every report: a busy campaign gets thousands of reports.
        if (Keep(progress))
        {
            _flush ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan));
        }

        return Task.CompletedTask;
    }

    private bool Keep(SupplierProgress progress)
    {
        if (state.State.Progress.TryGetValue(progress.SupplierId, out var held) && held.Revision >= progress.Revision)
        {
            return false;
        }

        state.State.Progress[progress.SupplierId] = progress;
        return true;
    }

    public async Task RunAsync()
    {
        // Bounded, so a caller never waits for ever on a campaign that keeps finding work.
        for (var i = 0; i < 10_000 && await WorkOnceAsync(); i++)
        {
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (HasWork())
        {
            ScheduleNext();
            return Task.CompletedTask;
        }

        return StopTickingAsync();
    }

    private async Task<CampaignResult> EndAsync(CampaignStatus end)
    {
        var s = state.State;
        if (!s.Created)
        {
            return CampaignResult.Of(CampaignOutcome.NotFound);
        }

        if (s.Status == end)
        {
            return CampaignResult.Of(CampaignOutcome.Ok);
        }

        if (s.Status == CampaignStatus.Draft && end == CampaignStatus.Cancelled)
        {
            s.Status = CampaignStatus.Cancelled;
            s.ClosedAt = time.GetUtcNow();
            await WriteAsync();
            return CampaignResult.Of(CampaignOutcome.Ok);
        }

        if (s.Status is not (CampaignStatus.Scheduled or CampaignStatus.Open))
        {
            return CampaignResult.Conflict(s.Status == CampaignStatus.Draft
                ? "The campaign is a draft: launch it first, or cancel it."
                : $"The campaign is {s.Status.ToString().ToLowerInvariant()}.");
        }

        Finish(end, time.GetUtcNow());
        await WriteAsync();
        ScheduleNext();
        return CampaignResult.Of(CampaignOutcome.Ok);
    }

    private void Finish(CampaignStatus end, DateTimeOffset now)
    {
        var s = state.State;
        s.Status = end;
        s.ClosedAt = now;
        s.Retries.Clear();
        s.Passes.RemoveAll(p => p.Kind == CampaignPassKind.Remind);
        s.Passes.Add(new CampaignPass { Kind = CampaignPassKind.Close });
    }

    /// <summary>One step of due work: a change of status, then at most one batch. True when more is due now.</summary>
    private async Task<bool> WorkOnceAsync()
    {
        var s = state.State;
        var now = time.GetUtcNow();
        var changed = await OpenIfDueAsync(now);
        if (s.Status == CampaignStatus.Open && now >= s.Deadline)
        {
            Finish(CampaignStatus.Closed, now);
            changed = true;
        }

        while (s.Status == CampaignStatus.Open && s.RemindersStarted < s.ReminderDays.Count
            && now >= s.OpenedAt!.Value.AddDays(s.ReminderDays[s.RemindersStarted]))
        {
            s.RemindersStarted++;
            s.Passes.Add(new CampaignPass { Kind = CampaignPassKind.Remind, Number = s.RemindersStarted });
            changed = true;
        }

        var batchSize = options.Value.BatchSize;
        if (s.Status == CampaignStatus.Open && s.InviteCursor < s.Targets.Count)
        {
            var batch = s.Targets.Skip(s.InviteCursor).Take(batchSize).ToList();
            await MailAsync(batch.Select(id => new CampaignRetry { SupplierId = id, Pass = MailPass.Invite }).ToList());
            s.InviteCursor += batch.Count;
        }
        else if (s.Passes.Count > 0)
        {
            await PassAsync(s.Passes[0], batchSize);
        }
        else if (s.Retries.Count > 0 && (s.RetryAfter is null || now >= s.RetryAfter))
        {
            var batch = s.Retries.Take(batchSize).ToList();
            s.Retries.RemoveRange(0, batch.Count);
            await MailAsync(batch);
        }
        else
        {
            if (changed)
            {
                await WriteAsync();
            }

            return false;
        }

        await WriteAsync();
        return HasDueWork();
    }

    private async Task PassAsync(CampaignPass pass, int batchSize)
    {
        var s = state.State;
        var end = pass.Kind is CampaignPassKind.Close or CampaignPassKind.Recount ? s.InviteCursor : s.Targets.Count;
        var batch = s.Targets.Skip(pass.Cursor).Take(Math.Max(0, Math.Min(batchSize, end - pass.Cursor))).ToList();
        var campaignId = this.GetPrimaryKey();
        switch (pass.Kind)
        {
            case CampaignPassKind.Remind:
                await MailAsync(batch.Select(id => new CampaignRetry { SupplierId = id, Pass = MailPass.Remind, Number = pass.Number }).ToList());
                break;
            case CampaignPassKind.SetDeadline:
                await Task.WhenAll(batch.Select(id => GrainFactory.GetSupplierCampaign(campaignId, id).SetDeadlineAsync(s.Deadline)));
                break;
            case CampaignPassKind.Close:
                await Task.WhenAll(batch.Select(id => GrainFactory.GetSupplierCampaign(campaignId, id).CloseAsync()));
                break;
            case CampaignPassKind.Recount:
                foreach (var progress in await Task.WhenAll(batch.Select(id => GrainFactory.GetSupplierCampaign(campaignId, id).RecountAsync())))
                {
                    Keep(progress);
                }

                break;
        }

        pass.Cursor += batch.Count;
        if (pass.Cursor >= end)
        {
            s.Passes.Remove(pass);
        }
    }

    /// <summary>
    /// Prepares the mail of each supplier (each writes its intent to send before answering), sends it all in one call,
    /// then records what the mail service took. A supplier whose part failed goes to the retry list, so the batch
    /// cursor can move on: the retry repeats the same pass, which is idempotent.
    /// </summary>
    private async Task MailAsync(List<CampaignRetry> items)
    {
        var s = state.State;
        var campaignId = this.GetPrimaryKey();
        var brief = new SupplierCampaignBrief(s.Name, s.BuyerName, s.QuestionnaireId, s.QuestionnaireVersion, s.Deadline, s.Subject, s.Intro, s.Evaluators.ToArray());
        var prepared = await Task.WhenAll(items.Select(async item =>
        {
            try
            {
                var mails = await GrainFactory.GetSupplierCampaign(campaignId, item.SupplierId).PrepareMailAsync(brief, item.Pass, item.Number);
                return (item, mails, failed: false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Campaign {Campaign}: preparing mail for supplier {Supplier} failed; it will be retried.", campaignId, item.SupplierId);
                return (item, mails: (IReadOnlyList<PendingMail>)[], failed: true);
            }
        }));

        var retry = prepared.Where(p => p.failed).Select(p => p.item).ToList();
        var messages = prepared.SelectMany(p => p.mails.Select(m => (p.item.SupplierId, m))).ToList();
        if (messages.Count > 0)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var result = await mail.SendAsync([.. messages.Select(m => ToMessage(m.m))], timeout.Token);
            var now = time.GetUtcNow();
            var outcomes = result.Results.Zip(messages, (r, m) => (m.SupplierId, Outcome: new MailOutcome(
                r.MessageId,
                r.Status switch
                {
                    MailSendStatus.Accepted => MailOutcomeKind.Accepted,
                    MailSendStatus.Rejected => MailOutcomeKind.Rejected,
                    _ => MailOutcomeKind.RetryLater,
                },
                r.Reason,
                now), r.RetryAfter)).ToList();
            await Task.WhenAll(outcomes.GroupBy(o => o.SupplierId).Select(async group =>
            {
                try
                {
                    await GrainFactory.GetSupplierCampaign(campaignId, group.Key).MarkSentAsync([.. group.Select(g => g.Outcome)]);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The mail stays waiting there and goes again on the retry: at least once, never lost.
                    logger.LogWarning(e, "Campaign {Campaign}: recording sent mail for supplier {Supplier} failed.", campaignId, group.Key);
                    retry.Add(new CampaignRetry { SupplierId = group.Key, Pass = MailPass.Waiting });
                }
            }));

            var waiting = outcomes.Where(o => o.Outcome.Kind == MailOutcomeKind.RetryLater).ToList();
            if (waiting.Count > 0)
            {
                retry.AddRange(waiting.Select(w => w.SupplierId).Distinct().Select(id => new CampaignRetry { SupplierId = id, Pass = MailPass.Waiting }));
                var delay = waiting.Max(w => w.RetryAfter) ?? DefaultRetryDelay;
                s.RetryAfter = now + (delay < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : delay);
                s.LastMailProblem = $"{now:u}: {waiting[0].Outcome.Reason ?? "the mail service did not take every message"}; retrying.";
            }
        }

        foreach (var r in retry.Where(r => !s.Retries.Exists(x => x.SupplierId == r.SupplierId && x.Pass == r.Pass && x.Number == r.Number)))
        {
            s.Retries.Add(r);
        }
    }

    private static MailMessage ToMessage(PendingMail m) =>
        new(m.MessageId, new Mailbox(m.ToEmail, m.ToName), m.Subject, m.HtmlBody, m.TextBody)
        {
            InvitationId = m.InvitationKey,
            UnsubscribeUrl = m.UnsubscribeUrl,
        };

    private async Task<bool> OpenIfDueAsync(DateTimeOffset now)
    {
        var s = state.State;
        if (s.Status != CampaignStatus.Scheduled || (s.OpensAt is { } at && now < at))
        {
            return false;
        }

        s.Status = CampaignStatus.Open;
        s.OpenedAt = now;
        // Suppliers added while scheduled stay in, after the audience.
        s.Targets = [.. (await AudienceAsync()).Concat(s.Targets).Distinct()];
        return true;
    }

    private async Task<List<Guid>> AudienceAsync()
    {
        var s = state.State;
        return s.Audience == AudienceKind.Chosen
            ? s.ChosenSuppliers
            : await ActiveSuppliersAsync(s.Audience == AudienceKind.Category ? s.Category : null);
    }

    private async Task<List<Guid>> ActiveSuppliersAsync(string? category)
    {
        var filter = new SupplierFilter(category, null, SupplierStatus.Active);
        var shards = await Task.WhenAll(Enumerable.Range(0, SupplierDirectory.ShardCount)
            .Select(i => GrainFactory.GetGrain<ISupplierDirectoryGrain>(i).QueryAsync(filter, int.MaxValue)));
        var entries = shards.SelectMany(p => p.First).ToList();
        entries.Sort(SupplierDirectoryEntry.ByName);
        return [.. entries.Select(e => e.Id)];
    }

    private async Task<Dictionary<string, string[]>> ProblemsAsync(CampaignDefinition d)
    {
        var errors = CampaignInput.Validate(d, time.GetUtcNow());
        if (!errors.ContainsKey("questionnaire")
            && await GrainFactory.GetGrain<IQuestionnaireGrain>(d.QuestionnaireId).GetVersionAsync(d.QuestionnaireVersion) is not { Status: VersionStatus.Published })
        {
            errors["questionnaire"] = ["Choose a published questionnaire version."];
        }

        return errors;
    }

    private bool HasWork()
    {
        var s = state.State;
        return s.Status is CampaignStatus.Scheduled or CampaignStatus.Open || s.Passes.Count > 0 || s.Retries.Count > 0;
    }

    private bool HasDueWork()
    {
        var s = state.State;
        return (s.Status == CampaignStatus.Open && s.InviteCursor < s.Targets.Count)
            || s.Passes.Count > 0
            || (s.Retries.Count > 0 && (s.RetryAfter is null || time.GetUtcNow() >= s.RetryAfter));
    }

    private string? Work()
    {
        var s = state.State;
        if (s.Status == CampaignStatus.Scheduled)
        {
            return $"Opens {s.OpensAt:u}.";
        }

        if (s.Status == CampaignStatus.Open && s.InviteCursor < s.Targets.Count)
        {
            return $"Sending invitations: {s.InviteCursor} of {s.Targets.Count} suppliers done.";
        }

        if (s.Passes.Count > 0)
        {
            var p = s.Passes[0];
            return p.Kind switch
            {
                CampaignPassKind.Remind => $"Sending reminder {p.Number}: {p.Cursor} of {s.Targets.Count} suppliers done.",
                CampaignPassKind.SetDeadline => $"Moving the deadline: {p.Cursor} of {s.Targets.Count} suppliers done.",
                CampaignPassKind.Recount => $"Recounting: {p.Cursor} of {s.InviteCursor} suppliers done.",
                _ => $"Closing the forms: {p.Cursor} of {s.InviteCursor} suppliers done.",
            };
        }

        return s.Retries.Count > 0 ? $"Mail for {s.Retries.Count} suppliers waits to be sent again." : null;
    }

    private void ScheduleNext()
    {
        _next ??= this.RegisterGrainTimer(NextAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private async Task NextAsync(CancellationToken ct)
    {
        _next?.Dispose();
        _next = null;
        try
        {
            if (await WorkOnceAsync())
            {
                ScheduleNext();
            }
            else if (!HasWork())
            {
                await StopTickingAsync();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reminder comes back and the cursor says where to go on.
            logger.LogError(e, "Campaign {Campaign}: a batch failed; the next tick retries it.", this.GetPrimaryKey());
        }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        _flush?.Dispose();
        _flush = null;
        await WriteAsync();
    }

    private async Task StopTickingAsync()
    {
        if (await this.GetReminder(TickReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Writes the state (see <see cref="GrainStateExtensions.WriteOrDeactivateAsync"/>) and refreshes the campaign's line in the list.</summary>
    private async Task WriteAsync()
    {
        var s = state.State;
        s.Version++;
        s.CountersCurrent = false;
        try
        {
            await state.WriteOrDeactivateAsync(this);
        }
        catch
        {
            _writeFailed = true;
            throw;
        }

        // Only when the list's line changes: batches and counter flushes write often, and the list is one grain.
        var line = new CampaignSummary(this.GetPrimaryKey(), s.Name, s.Status, s.CreatedAt, s.Deadline, s.Version);
        if (_listed is null || _listed with { Revision = line.Revision } != line)
        {
            await GrainFactory.GetGrain<ICampaignDirectoryGrain>(0).UpsertAsync(line);
            _listed = line;
        }
    }
}
