using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplierQuality.Email;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Telemetry;
using SupplierQuality.Grains.Webhooks;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// The campaign's state machine (draft, scheduled, open, closed or cancelled) and its scheduler: a reminder and a
/// timer drive the passes over its suppliers (invite, remind, move the deadline, close, recount) one durable cursor
/// step at a time. Mail goes through <see cref="CampaignMailDispatch"/>.
/// </summary>
[GrainType("campaign")]
public sealed class CampaignGrain(
    [PersistentState("campaign")] IPersistentState<CampaignState> state,
    [PersistentState("campaigntargets")] IPersistentState<CampaignTargetsState> targets,
    [PersistentState("campaigncounters")] IPersistentState<CampaignCountersState> counters,
    IGrainFactory grains,
    TimeProvider time,
    IMailSender mail,
    IOptions<CampaignOptions> options,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable
{
    private const string TickReminder = "tick";

    private readonly CampaignMailDispatch _mail = new(grains, mail, time, logger);
    private CampaignSummary? _listed;
    private IGrainTimer? _next;
    private bool _writeFailed;

    private List<Guid> Targets => targets.State.Suppliers;

    private Dictionary<Guid, SupplierProgress> Progress => counters.State.Progress;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.Created)
        {
            await UpgradeAsync();
        }

        if (s.Created && s.InviteCursor > 0)
        {
            if (counters.State.Generation == s.CountersGeneration)
            {
                // From here on the stored counters fall behind memory: mark them so before any changes, at the cost of
                // one small write per activation, and a crash recounts.
                s.CountersGeneration++;
                await WriteAsync();
            }
            else if (!s.Passes.Exists(p => p.Kind == CampaignPassKind.Recount))
            {
                s.Passes.Add(new CampaignPass { Kind = CampaignPassKind.Recount });
            }
        }

        if (HasWork())
        {
            ScheduleNext();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // After a failed write, memory may hold what storage refused: the next activation must read storage instead.
        if (!state.State.Created || _writeFailed || state.State.InviteCursor == 0)
        {
            return;
        }

        counters.State.Generation = state.State.CountersGeneration;
        try
        {
            await counters.WriteStateAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Campaign {Campaign}: counters not written at deactivation; the next activation recounts.", this.GetPrimaryKey());
        }
    }

    /// <summary>
    /// Campaigns stored before the suppliers asked and the counters had their own states kept them in
    /// <see cref="CampaignState"/>: moves them out, new states first, so a crash half-way moves them again.
    /// </summary>
    private async Task UpgradeAsync()
    {
        var s = state.State;
        if (s.Targets.Count == 0 && s.Progress.Count == 0 && s.CountersGeneration > 0)
        {
            return;
        }

        if (s.Targets.Count > 0 && Targets.Count == 0)
        {
            targets.State.Suppliers = s.Targets;
            await targets.WriteStateAsync();
        }

        s.CountersGeneration = Math.Max(s.CountersGeneration, counters.State.Generation) + 1;
        if (s.CountersCurrent && s.Progress.Count > 0)
        {
            counters.State.Progress = s.Progress;
            counters.State.Generation = s.CountersGeneration;
            await counters.WriteStateAsync();
        }

        s.Targets = [];
        s.Progress = [];
        s.CountersCurrent = false;
        await WriteAsync();
    }

    public async Task<CommandResult<CampaignDetails>> CreateAsync(CampaignDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var d = CampaignInput.Normalize(definition);
        if (state.State.Created)
        {
            return state.State.Definition().Equals(d)
                ? CommandResult.Ok(Details())
                : CommandResult.Conflict<CampaignDetails>("A campaign with this id already exists with other details.");
        }

        if (await CampaignInput.ProblemsAsync(grains, d, time.GetUtcNow()) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid<CampaignDetails>(errors);
        }

        var s = state.State;
        s.Set(d);
        s.Created = true;
        s.CountersGeneration = 1;
        s.Status = CampaignStatus.Draft;
        s.CreatedAt = time.GetUtcNow();
        await WriteAsync();
        return CommandResult.Created(Details());
    }

    public async Task<CommandResult<CampaignDetails>> UpdateAsync(CampaignDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!state.State.Created)
        {
            return CommandResult.NotFound<CampaignDetails>();
        }

        var d = CampaignInput.Normalize(definition);
        if (state.State.Status != CampaignStatus.Draft)
        {
            return state.State.Definition().Equals(d)
                ? CommandResult.Ok(Details())
                : CommandResult.Conflict<CampaignDetails>("A launched campaign cannot be edited; extend its deadline or add suppliers instead.");
        }

        if (await CampaignInput.ProblemsAsync(grains, d, time.GetUtcNow()) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid<CampaignDetails>(errors);
        }

        state.State.Set(d);
        await WriteAsync();
        return CommandResult.Ok(Details());
    }

    public async Task<CommandResult<CampaignDetails>> LaunchAsync()
    {
        var s = state.State;
        if (!s.Created)
        {
            return CommandResult.NotFound<CampaignDetails>();
        }

        if (s.Status is CampaignStatus.Scheduled or CampaignStatus.Open)
        {
            return CommandResult.Ok(Details());
        }

        if (s.Status != CampaignStatus.Draft)
        {
            return CommandResult.Conflict<CampaignDetails>($"The campaign is {s.Status.ToString().ToLowerInvariant()}.");
        }

        // "Our company" is the placeholder a new installation starts with, never a name to show suppliers: a draft that
        // kept it takes the organisation's name once an admin has set one, and cannot launch before.
        var buyerName = s.BuyerName;
        if (OrganisationInput.IsPlaceholder(buyerName))
        {
            var organisation = await grains.GetOrganisation().GetAsync();
            if (!organisation.Named)
            {
                return CommandResult.Invalid<CampaignDetails>("buyerName", OrganisationInput.UnnamedLaunchMessage);
            }

            buyerName = organisation.Profile.Name;
        }

        // Checked again: time has passed since the draft was saved, and the questionnaire may have changed.
        if (await CampaignInput.ProblemsAsync(grains, s.Definition() with { BuyerName = buyerName }, time.GetUtcNow()) is { Count: > 0 } errors)
        {
            return CommandResult.Invalid<CampaignDetails>(errors);
        }

        var now = time.GetUtcNow();
        var opensNow = s.OpensAt is null || s.OpensAt <= now;
        var audience = opensNow ? await AudienceAsync() : null;
        if (audience is { Count: 0 } && s.Audience != AudienceKind.Chosen)
        {
            // Opening now with nobody to ask is a mistake to report, not a campaign to run.
            return CommandResult.Invalid<CampaignDetails>(
                s.Audience == AudienceKind.Category ? "category" : "audience", "No active supplier matches this audience.");
        }

        s.BuyerName = buyerName;
        s.LaunchedAt = now;
        s.Status = CampaignStatus.Scheduled;
        if (audience is not null)
        {
            await OpenAsync(now, audience);
        }

        await WriteAsync();
        await this.RegisterOrUpdateReminder(TickReminder, options.Value.TickPeriod, options.Value.TickPeriod);
        ScheduleNext();
        return CommandResult.Ok(Details());
    }

    public async Task<CommandResult<CampaignDetails>> ExtendDeadlineAsync(DateTimeOffset deadline)
    {
        var s = state.State;
        if (!s.Created)
        {
            return CommandResult.NotFound<CampaignDetails>();
        }

        if (s.Status is not (CampaignStatus.Scheduled or CampaignStatus.Open))
        {
            return CommandResult.Conflict<CampaignDetails>("Only a scheduled or open campaign's deadline can move.");
        }

        if (deadline == s.Deadline)
        {
            return CommandResult.Ok(Details());
        }

        var opens = s.OpenedAt ?? s.OpensAt ?? time.GetUtcNow();
        if (deadline < s.Deadline || deadline <= time.GetUtcNow().AddHours(1) || deadline > opens.AddYears(1))
        {
            return CommandResult.Invalid<CampaignDetails>(
                "deadline", "The new deadline must be later than the current one, at least an hour from now and within a year of opening.");
        }

        s.Deadline = deadline;
        s.Passes.RemoveAll(p => p.Kind == CampaignPassKind.SetDeadline);
        s.Passes.Add(new CampaignPass { Kind = CampaignPassKind.SetDeadline });
        await WriteAsync();
        ScheduleNext();
        return CommandResult.Ok(Details());
    }

    public Task<CommandResult<CampaignDetails>> CloseAsync() => EndAsync(CampaignStatus.Closed);

    public Task<CommandResult<CampaignDetails>> CancelAsync() => EndAsync(CampaignStatus.Cancelled);

    public async Task<CommandResult<CampaignDetails>> AddSuppliersAsync(IReadOnlyList<Guid> supplierIds)
    {
        ArgumentNullException.ThrowIfNull(supplierIds);
        var s = state.State;
        if (!s.Created)
        {
            return CommandResult.NotFound<CampaignDetails>();
        }

        if (s.Status is not (CampaignStatus.Scheduled or CampaignStatus.Open))
        {
            return CommandResult.Conflict<CampaignDetails>("Suppliers can be added while the campaign is scheduled or open.");
        }

        var known = Targets.ToHashSet();
        var added = supplierIds.Where(known.Add).ToList();
        if (Targets.Count + added.Count > CampaignInput.MaxChosenSuppliers)
        {
            return CommandResult.Invalid<CampaignDetails>("suppliers", $"A campaign asks at most {CampaignInput.MaxChosenSuppliers:N0} suppliers.");
        }

        if (added.Count > 0)
        {
            Targets.AddRange(added);
            await targets.WriteStateAsync();
            ScheduleNext();
        }

        return CommandResult.Ok(Details());
    }

    public async Task<CommandResult<SupplierCampaignDetails>> ResendAsync(Guid supplierId, ResendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var s = state.State;
        if (!s.Created || !Targets.Contains(supplierId))
        {
            return CommandResult.NotFound<SupplierCampaignDetails>();
        }

        if (s.Status != CampaignStatus.Open)
        {
            return CommandResult.Conflict<SupplierCampaignDetails>("Invitations can be sent again while the campaign is open.");
        }

        var supplier = grains.GetSupplierCampaign(this.GetPrimaryKey(), supplierId);
        var answer = await supplier.QueueResendAsync(request);
        if (answer.Outcome == ResendOutcome.NotFound)
        {
            return CommandResult.NotFound<SupplierCampaignDetails>();
        }

        if (answer.Outcome is ResendOutcome.LimitReached or ResendOutcome.Answered or ResendOutcome.Suppressed)
        {
            return CommandResult.Conflict(answer.Message, await supplier.GetAsync());
        }

        if (answer.Outcome is ResendOutcome.Queued or ResendOutcome.AlreadyWaiting)
        {
            s.Retries.Add(new CampaignRetry { SupplierId = supplierId, Pass = MailPass.Waiting });
            s.RetryAfter = null;
            await WriteAsync();
            ScheduleNext();
        }

        return await supplier.GetAsync() is { } details
            ? CommandResult.Ok(details, answer.Message)
            : CommandResult.NotFound<SupplierCampaignDetails>();
    }

    public async Task<CommandResult<CampaignDetails>> RemindNowAsync(Guid clickId, string? line)
    {
        var s = state.State;
        if (!s.Created)
        {
            return CommandResult.NotFound<CampaignDetails>();
        }

        if (s.HandReminderClicks.Contains(clickId))
        {
            return CommandResult.Ok(Details(), "That click already sent its reminder; nothing more was sent.");
        }

        if (s.Status != CampaignStatus.Open)
        {
            return CommandResult.Conflict<CampaignDetails>("Reminders go out while the campaign is open.");
        }

        line = line?.Trim() ?? string.Empty;
        if (line.Length > CampaignInput.MaxHandReminderLine)
        {
            return CommandResult.Invalid<CampaignDetails>("line", $"Keep the personal line to {CampaignInput.MaxHandReminderLine} characters.");
        }

        if (s.HandReminders.Count >= CampaignState.MaxHandReminders)
        {
            return CommandResult.Conflict<CampaignDetails>($"This campaign has had {CampaignState.MaxHandReminders} reminders sent by hand, the most allowed.");
        }

        s.HandReminders.Add(line);
        s.HandReminderClicks.Add(clickId);
        s.Passes.Add(new CampaignPass { Kind = CampaignPassKind.RemindNow, Number = s.HandReminders.Count });
        AddDigestPass(MailPass.RemindNow, s.HandReminders.Count);
        await WriteAsync();
        ScheduleNext();
        return CommandResult.Ok(Details());
    }

    public Task<CampaignDetails?> GetAsync() => Task.FromResult(state.State.Created ? Details() : null);

    /// <summary>The campaign as its page shows it: what <see cref="GetAsync"/> and every successful command answer.</summary>
    private CampaignDetails Details() =>
        CampaignView.Details(this.GetPrimaryKey(), state.State, Targets, Progress, time.GetUtcNow());

    public async Task<CampaignMailSample?> GetMailSampleAsync()
    {
        var s = state.State;
        if (!s.Created)
        {
            return null;
        }

        var brief = s.Brief() with { Organisation = await grains.GetOrganisation().GetAsync() };
        var opened = s.Status is not (CampaignStatus.Draft or CampaignStatus.Scheduled);
        // One that opened before digests existed keeps an email per supplier for its evaluators (docs/adr/0007).
        return new CampaignMailSample(brief, opened ? [.. Targets] : await AudienceAsync(), Digests: !opened || s.EvaluatorDigests);
    }

    public Task<SupplierProgressPage> GetSuppliersAsync(bool nonRespondersOnly, int skip, int take) =>
        Task.FromResult(CampaignView.Suppliers(Targets, Progress, nonRespondersOnly, skip, take));

    public Task<IReadOnlyList<SupplierProgress>> GetSuppliersWithMailProblemsAsync(int take) =>
        Task.FromResult<IReadOnlyList<SupplierProgress>>(
            [.. Targets.Select(id => Progress.GetValueOrDefault(id)).OfType<SupplierProgress>().Where(p => p.HasMailProblems).Take(Math.Clamp(take, 0, CampaignView.MaxSuppliersPage))]);

    public Task ReportProgressAsync(SupplierProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        Keep(progress);
        return Task.CompletedTask;
    }

    /// <summary>Counters are kept in memory only (see <see cref="CampaignCountersState"/>): a busy campaign gets thousands of reports.</summary>
    private void Keep(SupplierProgress progress)
    {
        if (!Progress.TryGetValue(progress.SupplierId, out var held) || held.Revision < progress.Revision)
        {
            Progress[progress.SupplierId] = progress;
        }
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

    private async Task<CommandResult<CampaignDetails>> EndAsync(CampaignStatus end)
    {
        var s = state.State;
        if (!s.Created)
        {
            return CommandResult.NotFound<CampaignDetails>();
        }

        if (s.Status == end)
        {
            return CommandResult.Ok(Details());
        }

        if (s.Status == CampaignStatus.Draft && end == CampaignStatus.Cancelled)
        {
            s.Status = CampaignStatus.Cancelled;
            s.ClosedAt = time.GetUtcNow();
            await WriteAsync();
            return CommandResult.Ok(Details());
        }

        if (s.Status is not (CampaignStatus.Scheduled or CampaignStatus.Open))
        {
            return CommandResult.Conflict<CampaignDetails>(s.Status == CampaignStatus.Draft
                ? "The campaign is a draft: launch it first, or cancel it."
                : $"The campaign is {s.Status.ToString().ToLowerInvariant()}.");
        }

        Finish(end, time.GetUtcNow());
        await WriteAsync();
        ScheduleNext();
        return CommandResult.Ok(Details());
    }

    private void Finish(CampaignStatus end, DateTimeOffset now)
    {
        var s = state.State;
        s.Status = end;
        s.ClosedAt = now;
        s.Retries.Clear();
        s.Passes.RemoveAll(p => p.Kind is CampaignPassKind.Remind or CampaignPassKind.RemindNow or CampaignPassKind.Digests);
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

        var due = s.RemindersStarted;
        while (s.Status == CampaignStatus.Open && due < s.ReminderDays.Count && now >= s.OpenedAt!.Value.AddDays(s.ReminderDays[due]))
        {
            due++;
        }

        if (due > s.RemindersStarted)
        {
            // After a clock jump or a long stop several reminder days may be past at once: one catch-up reminder,
            // numbered as the latest, not one per day missed. It also supersedes a reminder pass still under way, so
            // nobody gets two reminders back to back.
            s.RemindersSkipped += due - s.RemindersStarted - 1;
            s.RemindersStarted = due;
            s.Passes.RemoveAll(p => p.Kind == CampaignPassKind.Remind || (p.Kind == CampaignPassKind.Digests && p.Mail == MailPass.Remind));
            s.Passes.Add(new CampaignPass { Kind = CampaignPassKind.Remind, Number = due });
            AddDigestPass(MailPass.Remind, due);
            changed = true;
        }

        // A step covers several mail batches in flight at once; the cursor is written once, after all of them.
        var stepSize = options.Value.BatchSize * options.Value.BatchesInFlight;
        var started = Stopwatch.GetTimestamp();
        string kind;
        if (s.Status == CampaignStatus.Open && s.InviteCursor < Targets.Count)
        {
            kind = "invite";
            var step = Targets.Skip(s.InviteCursor).Take(stepSize).ToList();
            await MailAsync(step.Select(id => new CampaignRetry { SupplierId = id, Pass = MailPass.Invite }).ToList());
            s.InviteCursor += step.Count;
        }
        else if (s.Passes.Count > 0)
        {
            kind = s.Passes[0].Kind.ToString().ToLowerInvariant();
            await PassAsync(s.Passes[0], stepSize);
        }
        else if (s.Retries.Count > 0 && (s.RetryAfter is null || now >= s.RetryAfter))
        {
            kind = "retry";
            var step = s.Retries.Take(stepSize).ToList();
            s.Retries.RemoveRange(0, step.Count);
            await MailAsync(step);
        }
        else
        {
            if (changed)
            {
                await WriteAsync();
            }

            return false;
        }

        QueueInvitationDigests();
        await WriteAsync();
        ProductMetrics.RecordCampaignStep(kind, Stopwatch.GetElapsedTime(started));
        return HasDueWork();
    }

    /// <summary>
    /// Once the invite pass is through the suppliers asked, evaluators whose digests hold suppliers not yet sent get
    /// their invitation digest (first, before any reminder digest), listing every supplier they rate.
    /// </summary>
    private void QueueInvitationDigests()
    {
        var s = state.State;
        if (!s.DigestsDue || s.Status != CampaignStatus.Open || s.InviteCursor < Targets.Count)
        {
            return;
        }

        s.DigestsDue = false;
        if (!s.Passes.Exists(p => p.Kind == CampaignPassKind.Digests && p.Mail == MailPass.Invite && p.Cursor == 0))
        {
            s.Passes.Insert(0, new CampaignPass { Kind = CampaignPassKind.Digests, Mail = MailPass.Invite });
        }
    }

    /// <summary>The evaluators' digests of a reminder, after the suppliers' pass of the same reminder.</summary>
    private void AddDigestPass(MailPass mail, int number)
    {
        var s = state.State;
        if (s.EvaluatorDigests && s.Evaluators.Count > 0)
        {
            s.Passes.Add(new CampaignPass { Kind = CampaignPassKind.Digests, Mail = mail, Number = number });
        }
    }

    private async Task PassAsync(CampaignPass pass, int stepSize)
    {
        var s = state.State;
        if (pass.Kind == CampaignPassKind.Digests)
        {
            // Each digest reads the forms of every supplier its evaluator rates: a few evaluators a step.
            var evaluators = s.DigestEvaluators();
            var some = evaluators.Skip(pass.Cursor).Take(options.Value.BatchesInFlight).ToList();
            await MailAsync([.. some.Select(e => new CampaignRetry { Evaluator = e.Email, Pass = pass.Mail, Number = pass.Number })]);
            pass.Cursor += some.Count;
            if (pass.Cursor >= evaluators.Count)
            {
                s.Passes.Remove(pass);
            }

            return;
        }

        var end = pass.Kind is CampaignPassKind.Close or CampaignPassKind.Recount ? s.InviteCursor : Targets.Count;
        var batch = Targets.Skip(pass.Cursor).Take(Math.Max(0, Math.Min(stepSize, end - pass.Cursor))).ToList();
        var campaignId = this.GetPrimaryKey();
        switch (pass.Kind)
        {
            case CampaignPassKind.Remind or CampaignPassKind.RemindNow:
                var mailPass = pass.Kind == CampaignPassKind.Remind ? MailPass.Remind : MailPass.RemindNow;
                await MailAsync(batch.Select(id => new CampaignRetry { SupplierId = id, Pass = mailPass, Number = pass.Number }).ToList());
                break;
            case CampaignPassKind.SetDeadline:
                await Task.WhenAll(batch.Select(id => grains.GetSupplierCampaign(campaignId, id).SetDeadlineAsync(s.Deadline)));
                break;
            case CampaignPassKind.Close:
                var ending = s.Status == CampaignStatus.Cancelled ? InvitationEnding.Cancelled
                    : s.ClosedAt < s.Deadline ? InvitationEnding.ClosedEarly
                    : InvitationEnding.Deadline;
                await Task.WhenAll(batch.Select(id => grains.GetSupplierCampaign(campaignId, id).CloseAsync(ending)));
                break;
            case CampaignPassKind.Recount:
                foreach (var progress in await Task.WhenAll(batch.Select(id => grains.GetSupplierCampaign(campaignId, id).RecountAsync())))
                {
                    Keep(progress);
                }

                break;
        }

        pass.Cursor += batch.Count;
        if (pass.Cursor >= end)
        {
            // Once every form is read-only; before the pass goes, so a failed publish is retried with the pass. A
            // campaign cancelled before it opened asked nobody: nothing to announce.
            if (pass.Kind == CampaignPassKind.Close && s.OpenedAt is not null)
            {
                await grains.PublishWebhooksAsync(WebhookEvents.CampaignClosed(Details()));
            }

            s.Passes.Remove(pass);
        }
    }

    /// <summary>Sends the mail of a step in batches of <see cref="CampaignOptions.BatchSize"/> suppliers, all in flight at once.</summary>
    private async Task MailAsync(List<CampaignRetry> items)
    {
        var s = state.State;
        // Read for each step, so a changed contact person or privacy note reaches the reminders too.
        var brief = s.Brief() with { Organisation = await grains.GetOrganisation().GetAsync() };
        var sends = items
            .Where(i => i.Evaluator is null)
            .Chunk(options.Value.BatchSize)
            .Select(batch => _mail.SendAsync(this.GetPrimaryKey(), brief, batch))
            .ToList();
        if (items.Where(i => i.Evaluator is not null).ToList() is { Count: > 0 } digests)
        {
            sends.Add(_mail.SendDigestsAsync(this.GetPrimaryKey(), brief, digests));
        }

        var rounds = await Task.WhenAll(sends);
        foreach (var round in rounds)
        {
            foreach (var r in round.Retry.Where(r => !s.Retries.Exists(r.Same)))
            {
                s.Retries.Add(r);
            }

            s.DigestsDue |= round.DigestsDue;

            if (round.RetryAfter is { } after)
            {
                s.RetryAfter = s.RetryAfter is { } earlier && earlier > after ? earlier : after;
                s.LastMailProblem = round.Problem;
            }
        }

        // Once nothing waits, the page must stop saying mail is waiting ("...; retrying").
        if (s.Retries.Count == 0)
        {
            s.RetryAfter = null;
            s.LastMailProblem = null;
        }
    }

    private async Task<bool> OpenIfDueAsync(DateTimeOffset now)
    {
        var s = state.State;
        if (s.Status != CampaignStatus.Scheduled || (s.OpensAt is { } at && now < at))
        {
            return false;
        }

        await OpenAsync(now, await AudienceAsync());
        return true;
    }

    /// <summary>Fixes the suppliers asked, written before the status that says the campaign is open.</summary>
    private async Task OpenAsync(DateTimeOffset now, List<Guid> audience)
    {
        // Suppliers added while scheduled stay in, after the audience.
        targets.State.Suppliers = [.. audience.Concat(Targets).Distinct()];
        await targets.WriteStateAsync();
        state.State.Status = CampaignStatus.Open;
        state.State.OpenedAt = now;
        // Fixed as the campaign opens: one that opened before digests existed keeps an email per supplier (docs/adr/0007).
        state.State.EvaluatorDigests = true;
    }

    private Task<List<Guid>> AudienceAsync() =>
        grains.AudienceAsync(state.State.Audience, state.State.Category, state.State.ChosenSuppliers);

    private bool HasWork()
    {
        var s = state.State;
        return s.Status is CampaignStatus.Scheduled or CampaignStatus.Open || s.Passes.Count > 0 || s.Retries.Count > 0;
    }

    private bool HasDueWork()
    {
        var s = state.State;
        return (s.Status == CampaignStatus.Open && s.InviteCursor < Targets.Count)
            || s.Passes.Count > 0
            || (s.Retries.Count > 0 && (s.RetryAfter is null || time.GetUtcNow() >= s.RetryAfter));
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
        try
        {
            await state.WriteOrDeactivateAsync(this);
        }
        catch
        {
            _writeFailed = true;
            throw;
        }

        // Only when the list's line changes: every mail step writes the state, and the list is one grain.
        var line = new CampaignSummary(this.GetPrimaryKey(), s.Name, s.Status, s.CreatedAt, s.Deadline, s.Version);
        if (_listed is null || _listed with { Revision = line.Revision } != line)
        {
            await grains.GetGrain<ICampaignDirectoryGrain>(0).UpsertAsync(line);
            _listed = line;
        }
    }
}
