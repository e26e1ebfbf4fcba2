using Microsoft.Extensions.Logging;
using SupplierQuality.Email;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Grains.Telemetry;
using SupplierQuality.Grains.Webhooks;

namespace SupplierQuality.Grains.Invitations;

[GrainType("invitation")]
public sealed class InvitationGrain(
    [PersistentState("invitation")] IPersistentState<InvitationState> state,
    TimeProvider time,
    IMailSender mail,
    ILogger<InvitationGrain> logger) : Grain, IInvitationGrain
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;

    // A published version never changes, so one read per activation is enough.
    private QuestionnaireVersion? _questionnaire;

    private ReservedRevisions<InvitationState>? _revisions;

    // An invitation issued before the supplier's name was recorded asks the supplier once per activation.
    private bool _supplierNameAsked;

    /// <summary>An opened form is reported before it is written (docs/adr/0005).</summary>
    private ReservedRevisions<InvitationState> Revisions => _revisions ??= new(state, this);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Revisions.Resume();
        return base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Revisions.DeactivateAsync(write: false, cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<InvitationResult> IssueAsync(IssueInvitation command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command = command with
        {
            RecipientName = command.RecipientName?.Trim() ?? string.Empty,
            RecipientEmail = command.RecipientEmail?.Trim() ?? string.Empty,
            BuyerName = command.BuyerName?.Trim() ?? string.Empty,
            CampaignName = command.CampaignName?.Trim() ?? string.Empty,
            SupplierName = command.SupplierName?.Trim() ?? string.Empty,
            Intro = command.Intro?.Trim() ?? string.Empty,
        };
        var s = state.State;
        if (s.Issued)
        {
            return SameAsIssued(command)
                ? InvitationResult.Of(InvitationOutcome.Ok)
                : InvitationResult.Conflict("This invitation was issued with other details.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Require(errors, "recipientName", command.RecipientName, MaxNameLength, "the recipient's name");
        Require(errors, "recipientEmail", command.RecipientEmail, MaxEmailLength, "the recipient's email address");
        Require(errors, "buyerName", command.BuyerName, MaxNameLength, "the buying company's name");
        Require(errors, "campaignName", command.CampaignName, MaxNameLength, "the campaign's name");
        if (command.SupplierName.Length > MaxNameLength)
        {
            errors["supplierName"] = [$"Shorten the supplier's name to at most {MaxNameLength} characters."];
        }

        if (command.Intro.Length > CampaignInput.MaxIntroLength)
        {
            errors["intro"] = [$"Shorten the intro to at most {CampaignInput.MaxIntroLength} characters."];
        }

        if (!Enum.IsDefined(command.Kind))
        {
            errors["kind"] = ["Say whether the recipient is a contact of the supplier or an evaluator."];
        }

        if (command.Deadline <= time.GetUtcNow())
        {
            errors["deadline"] = ["The deadline must be in the future."];
        }

        var version = await GrainFactory.GetGrain<IQuestionnaireGrain>(command.QuestionnaireId).GetVersionAsync(command.QuestionnaireVersion);
        if (version is not { Status: VersionStatus.Published })
        {
            errors["questionnaireVersion"] = ["Choose a published version of a questionnaire."];
        }

        if (errors.Count > 0)
        {
            return InvitationResult.Invalid(errors);
        }

        _questionnaire = version;
        s.CampaignId = command.CampaignId;
        s.SupplierId = command.SupplierId;
        s.RecipientName = command.RecipientName;
        s.RecipientEmail = command.RecipientEmail;
        s.QuestionnaireId = command.QuestionnaireId;
        s.QuestionnaireVersion = command.QuestionnaireVersion;
        s.BuyerName = command.BuyerName;
        s.CampaignName = command.CampaignName;
        s.Deadline = command.Deadline;
        s.Kind = command.Kind;
        s.SupplierName = command.SupplierName;
        s.Intro = command.Intro;
        s.TimeZone = command.TimeZone;
        s.Language = Email.Languages.Language.TryFind(command.Language, out var language) && language != Email.Languages.Language.English ? language.Code : null;
        s.Status = InvitationStatus.Issued;
        s.IssuedAt = time.GetUtcNow();
        s.Issued = true;
        await Revisions.WriteAsync();
        return InvitationResult.Of(InvitationOutcome.Created);
    }

    public async Task<InvitationForm?> GetFormAsync()
    {
        var s = state.State;
        if (!s.Issued)
        {
            return null;
        }

        if (s.Status == InvitationStatus.Issued)
        {
            // Not worth a write of its own (the first page of every answer would pay for it): counted at once, and
            // stored with the next change or at deactivation. A crash forgets only that the form was opened.
            s.Status = InvitationStatus.Opened;
            s.OpenedAt = time.GetUtcNow();
            await Revisions.NextAsync(write: false);
            await ReportAsync();
        }

        if (string.IsNullOrEmpty(s.SupplierName) && !_supplierNameAsked && s.SupplierId != Guid.Empty)
        {
            // Every form names the supplier it is about; the name is kept with the invitation's next write.
            _supplierNameAsked = true;
            s.SupplierName = (await GrainFactory.GetGrain<ISupplierGrain>(s.SupplierId).GetAsync())?.Name;
        }

        var questionnaire = await QuestionnaireAsync();
        return new InvitationForm(
            s.Status,
            s.BuyerName,
            s.CampaignName,
            s.RecipientName,
            s.Deadline,
            IsClosed(),
            questionnaire,
            s.Draft is null ? null : Copy(s.Draft),
            s.DraftSavedAt,
            Response(questionnaire),
            s.CampaignId,
            s.Kind,
            s.SupplierName ?? string.Empty,
            s.Intro ?? string.Empty,
            s.Ending,
            s.Submitted is null ? null : await AnswerCopyStatusAsync(),
            s.TimeZone,
            s.Language,
            s.QuestionnaireId);
    }

    public async Task<InvitationResult> SaveDraftAsync(IReadOnlyDictionary<string, string[]> answers)
    {
        var s = state.State;
        if (!s.Issued)
        {
            return InvitationResult.Of(InvitationOutcome.NotFound);
        }

        if (IsClosed())
        {
            return InvitationResult.Of(InvitationOutcome.Closed);
        }

        var normalized = ResponseAnswers.Normalize(answers);
        var errors = ResponseAnswers.Validate(await QuestionnaireAsync(), normalized, complete: false);
        if (errors.Count > 0)
        {
            return InvitationResult.Invalid(errors);
        }

        s.Draft = normalized;
        s.DraftSavedAt = time.GetUtcNow();
        if (s.Status is InvitationStatus.Issued or InvitationStatus.Opened)
        {
            s.Status = InvitationStatus.InProgress;
            await ChangedAsync();
        }
        else
        {
            await Revisions.WriteAsync();
        }

        return InvitationResult.Of(InvitationOutcome.Ok);
    }

    public Task<InvitationResult> SubmitAsync(IReadOnlyDictionary<string, string[]> answers, Guid submissionId) =>
        SubmitAsync(answers, submissionId, replacesVersion: null);

    public Task<InvitationResult> SubmitReplacingAsync(IReadOnlyDictionary<string, string[]> answers, Guid submissionId, int replacesVersion) =>
        SubmitAsync(answers, submissionId, (int?)replacesVersion);

    private async Task<InvitationResult> SubmitAsync(IReadOnlyDictionary<string, string[]> answers, Guid submissionId, int? replacesVersion)
    {
        var s = state.State;
        if (!s.Issued)
        {
            return InvitationResult.Of(InvitationOutcome.NotFound);
        }

        var questionnaire = await QuestionnaireAsync();
        if (s.Versions.Find(v => v.SubmissionId == submissionId) is { } earlier)
        {
            // A retry or a duplicate of a submit that was stored: its answer, not a second version. Its event goes
            // again (the same id, so one event), in case the first attempt stored the answer but failed to queue it.
            var latest = Response(questionnaire)!;
            if (earlier == s.Latest)
            {
                await PublishSubmittedAsync(latest);
            }

            return InvitationResult.Of(
                InvitationOutcome.Ok,
                earlier == s.Latest ? latest : new SubmittedResponse(earlier.Number, new Dictionary<string, string[]>(), earlier.SubmittedAt, latest.Scores));
        }

        if (IsClosed())
        {
            return InvitationResult.Of(InvitationOutcome.Closed);
        }

        // Checked before the answers: whoever sent them must first see what replaced the version they edited.
        if (replacesVersion is { } basedOn && basedOn != (s.Latest?.Number ?? 0))
        {
            return InvitationResult.Of(InvitationOutcome.Replaced, Response(questionnaire));
        }

        var normalized = ResponseAnswers.Normalize(answers);
        var errors = ResponseAnswers.Validate(questionnaire, normalized, complete: true);
        if (errors.Count > 0)
        {
            return InvitationResult.Invalid(errors);
        }

        s.Submitted = normalized;
        s.SubmittedScores = ResponseScoring.Score(questionnaire, normalized);
        s.Versions.Add(new ResponseVersionState
        {
            Number = (s.Latest?.Number ?? 0) + 1,
            SubmissionId = submissionId,
            SubmittedAt = time.GetUtcNow(),
        });
        if (s.Versions.Count > InvitationState.MaxVersionHistory)
        {
            s.Versions.RemoveRange(0, s.Versions.Count - InvitationState.MaxVersionHistory);
        }

        s.Draft = null;
        s.DraftSavedAt = null;
        s.Status = InvitationStatus.Submitted;
        await ChangedAsync();
        ProductMetrics.RecordResponse(s.Kind);
        var submitted = Response(questionnaire)!;
        await PublishSubmittedAsync(submitted);
        return InvitationResult.Of(InvitationOutcome.Ok, submitted);
    }

    /// <summary>
    /// Queues <c>response.submitted</c> before the submit is acknowledged: a failure fails the submit, whose retry (the
    /// same submission id) publishes again.
    /// </summary>
    private Task PublishSubmittedAsync(SubmittedResponse response)
    {
        var s = state.State;
        return GrainFactory.PublishWebhooksAsync(WebhookEvents.ResponseSubmitted(
            this.GetPrimaryKeyString(), s.CampaignId, s.SupplierId, s.Kind, response.Version, response.SubmittedAt, response.Scores));
    }

    public async Task<InvitationResult> CloseAsync(InvitationEnding ending)
    {
        var s = state.State;
        if (!s.Issued)
        {
            return InvitationResult.Of(InvitationOutcome.NotFound);
        }

        if (ending == InvitationEnding.None)
        {
            throw new ArgumentOutOfRangeException(nameof(ending), "An invitation ends for a reason.");
        }

        if (s.Ending == InvitationEnding.None && s.Status != InvitationStatus.Closed)
        {
            s.Ending = ending;
            s.ClosedAt = time.GetUtcNow();
            await ChangedAsync();
        }

        return InvitationResult.Of(InvitationOutcome.Ok);
    }

    public async Task<InvitationResult> SetDeadlineAsync(DateTimeOffset deadline)
    {
        var s = state.State;
        if (!s.Issued)
        {
            return InvitationResult.Of(InvitationOutcome.NotFound);
        }

        if (s.Deadline != deadline)
        {
            s.Deadline = deadline;
            await Revisions.WriteAsync();
        }

        return InvitationResult.Of(InvitationOutcome.Ok);
    }

    public async Task<InvitationResult> RecordDeliveryAsync(DeliveryEvent delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var s = state.State;
        if (!s.Issued)
        {
            return InvitationResult.Of(InvitationOutcome.NotFound);
        }

        if (delivery.EventId is not null && s.DeliveryEvents.Exists(e => e.EventId == delivery.EventId))
        {
            return InvitationResult.Of(InvitationOutcome.Ok);
        }

        s.DeliveryEvents.Add(delivery with { Reason = delivery.Reason is { Length: > 500 } r ? r[..500] : delivery.Reason });
        if (s.DeliveryEvents.Count > InvitationState.MaxDeliveryEvents)
        {
            s.DeliveryEvents.RemoveRange(0, s.DeliveryEvents.Count - InvitationState.MaxDeliveryEvents);
        }

        var stopMail = false;
        switch (delivery.Type)
        {
            case DeliveryEventType.Processed:
                s.Delivery = Later(s.Delivery, MailDelivery.Processed);
                break;
            case DeliveryEventType.Deferred:
                s.Delivery = Later(s.Delivery, MailDelivery.Deferred);
                break;
            case DeliveryEventType.Delivered:
                s.Delivery = Later(s.Delivery, MailDelivery.Delivered);
                break;
            case DeliveryEventType.Bounce:
                s.Delivery = MailDelivery.Bounced;
                stopMail = delivery.HardBounce;
                break;
            case DeliveryEventType.Dropped:
                s.Delivery = MailDelivery.Dropped;
                break;
            case DeliveryEventType.Open or DeliveryEventType.Click:
                s.EmailOpened = true;
                break;
            case DeliveryEventType.Unsubscribe or DeliveryEventType.GroupUnsubscribe or DeliveryEventType.SpamReport:
                s.Unsubscribed = true;
                s.SpamReported |= delivery.Type == DeliveryEventType.SpamReport;
                stopMail = true;
                break;
        }

        await ChangedAsync();
        if (delivery.HardBounce)
        {
            await GrainFactory.GetGrain<ISupplierGrain>(s.SupplierId).MarkEmailUndeliverableAsync(s.RecipientEmail, delivery.Reason ?? "bounced");
        }

        if (stopMail)
        {
            await GrainFactory.GetMailSuppression(s.RecipientEmail).SuppressAsync(
                delivery.HardBounce ? MailSuppression.Bounced : delivery.Type == DeliveryEventType.SpamReport ? MailSuppression.SpamReport : MailSuppression.Unsubscribed);
        }

        return InvitationResult.Of(InvitationOutcome.Ok);
    }

    public Task<InvitationRecipient?> GetRecipientAsync() =>
        Task.FromResult(state.State.Issued
            ? new InvitationRecipient(state.State.RecipientEmail, state.State.CampaignName, state.State.Unsubscribed, state.State.Language)
            : null);

    public async Task<InvitationResult> UnsubscribeAsync()
    {
        var s = state.State;
        if (!s.Issued)
        {
            return InvitationResult.Of(InvitationOutcome.NotFound);
        }

        if (!s.Unsubscribed)
        {
            s.Unsubscribed = true;
            await ChangedAsync();
        }

        // Outside the "if": a retry after a failed suppression call must still reach it.
        await GrainFactory.GetMailSuppression(s.RecipientEmail).SuppressAsync(MailSuppression.Unsubscribed);
        return InvitationResult.Of(InvitationOutcome.Ok);
    }

    public async Task<InvitationProgress?> GetProgressAsync() =>
        state.State.Issued ? Progress(await QuestionnaireAsync()) : null;

    public async Task<InvitationResponse?> GetSubmittedAsync()
    {
        var s = state.State;

        // Most invitations of a campaign have no response: they answer without a call to the questionnaire.
        if (!s.Issued || s.Submitted is null)
        {
            return null;
        }

        return Response(await QuestionnaireAsync()) is { } response
            ? new InvitationResponse(response.Version, response.SubmittedAt, response.Answers, s.QuestionnaireId, s.QuestionnaireVersion, response.Scores)
            : null;
    }

    public async Task<AnswerCopyResult> SendAnswerCopyAsync(AnswerCopyRequest copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        var s = state.State;
        if (!s.Issued)
        {
            return new AnswerCopyResult(AnswerCopyOutcome.NotFound, null);
        }

        // A repeated click is answered before anything is asked of other grains or the mail service.
        if (s.AnswerCopies.Exists(c => c.RequestId == copy.RequestId))
        {
            return new AnswerCopyResult(AnswerCopyOutcome.Sent, await AnswerCopyStatusAsync());
        }

        var status = await AnswerCopyStatusAsync();
        if (s.Submitted is null)
        {
            return new AnswerCopyResult(AnswerCopyOutcome.NotSubmitted, status);
        }

        if (status.Left == 0)
        {
            return new AnswerCopyResult(AnswerCopyOutcome.LimitReached, status);
        }

        if (status.Suppressed is { } reason)
        {
            return new AnswerCopyResult(AnswerCopyOutcome.Suppressed, status, reason);
        }

        var sent = await AnswerCopyMail.SendAsync(mail, this.GetPrimaryKeyString(), new Mailbox(s.RecipientEmail, s.RecipientName), copy);
        if (sent.Status != MailSendStatus.Accepted)
        {
            return new AnswerCopyResult(AnswerCopyOutcome.NotTaken, status, sent.Reason, sent.Status == MailSendStatus.RetryLater);
        }

        // Recorded after the service took it: a failed write fails the call, and the same click again may send a
        // second copy to the same person, which is better than a copy promised and never sent.
        s.AnswerCopies.Add(new AnswerCopyState { RequestId = copy.RequestId, SentAt = time.GetUtcNow() });
        await Revisions.WriteAsync();
        return new AnswerCopyResult(AnswerCopyOutcome.Sent, status with { Sent = s.AnswerCopies.Count });
    }

    /// <summary>
    /// The copies sent and whether the address is suppressed: by this invitation (its unsubscribe link, a webhook
    /// event) or by any other mail to the same address. Once no copy is left the suppression is not asked.
    /// </summary>
    private async Task<AnswerCopyStatus> AnswerCopyStatusAsync()
    {
        var s = state.State;
        var suppressed = s.AnswerCopies.Count >= InvitationState.MaxAnswerCopies ? null
            : s.Unsubscribed ? (s.SpamReported ? MailSuppression.SpamReport : MailSuppression.Unsubscribed)
            : await GrainFactory.GetMailSuppression(s.RecipientEmail).ReasonAsync();
        return new AnswerCopyStatus(s.RecipientEmail, s.AnswerCopies.Count, suppressed);
    }

    // Delivery events can arrive out of order: "delivered" is never undone by a late "processed".
    private static MailDelivery Later(MailDelivery current, MailDelivery next) =>
        current is MailDelivery.Bounced or MailDelivery.Dropped || current > next ? current : next;

    private InvitationProgress Progress(QuestionnaireVersion questionnaire)
    {
        var s = state.State;
        var (version, scores, submittedAt) = s is { Submitted: { } answers, Latest: { } latest }
            ? (latest.Number, Scores(questionnaire, answers), latest.SubmittedAt)
            : (0, (ResponseScores?)null, (DateTimeOffset?)null);
        return new InvitationProgress(
            this.GetPrimaryKeyString(), s.Revision, s.Status, s.Delivery, s.EmailOpened, s.Unsubscribed, version, scores, submittedAt, s.SpamReported);
    }

    /// <summary>
    /// Writes a change the campaign counts, then tells the supplier's campaign. The write is what the caller's success
    /// rests on; the report is best effort, because the campaign reads every invitation again when it recounts.
    /// </summary>
    private async Task ChangedAsync()
    {
        await Revisions.NextAsync(write: true);
        await ReportAsync();
    }

    /// <summary>Best effort: the campaign reads every invitation again when it recounts.</summary>
    private async Task ReportAsync()
    {
        if (state.State.CampaignId == Guid.Empty)
        {
            return;
        }

        try
        {
            var progress = Progress(await QuestionnaireAsync());
            await GrainFactory.GetSupplierCampaign(state.State.CampaignId, state.State.SupplierId).UpdateInvitationAsync(progress);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Invitation {Invitation}: could not report progress to its campaign; the next recount will.", this.GetPrimaryKeyString());
        }
    }

    private bool IsClosed() =>
        state.State.Ending != InvitationEnding.None || state.State.Status == InvitationStatus.Closed || time.GetUtcNow() >= state.State.Deadline;

    private bool SameAsIssued(IssueInvitation command)
    {
        var s = state.State;
        return s.CampaignId == command.CampaignId
            && s.SupplierId == command.SupplierId
            && s.RecipientName == command.RecipientName
            && s.RecipientEmail == command.RecipientEmail
            && s.QuestionnaireId == command.QuestionnaireId
            && s.QuestionnaireVersion == command.QuestionnaireVersion
            && s.BuyerName == command.BuyerName
            && s.CampaignName == command.CampaignName
            && s.Deadline == command.Deadline;
    }

    private static void Require(Dictionary<string, string[]> errors, string key, string value, int maxLength, string what)
    {
        if (value.Length == 0)
        {
            errors[key] = [$"Enter {what}."];
        }
        else if (value.Length > maxLength)
        {
            errors[key] = [$"Shorten {what} to at most {maxLength} characters."];
        }
    }

    private SubmittedResponse? Response(QuestionnaireVersion questionnaire)
    {
        var s = state.State;
        return s is { Submitted: { } answers, Latest: { } latest }
            ? new SubmittedResponse(latest.Number, Copy(answers), latest.SubmittedAt, Scores(questionnaire, answers))
            : null;
    }

    /// <summary>The stored scores; an invitation stored before they were kept is scored once, and keeps them with its next write.</summary>
    private ResponseScores Scores(QuestionnaireVersion questionnaire, Dictionary<string, string[]> answers) =>
        state.State.SubmittedScores ??= ResponseScoring.Score(questionnaire, answers);

    private async Task<QuestionnaireVersion> QuestionnaireAsync() =>
        _questionnaire ??= await GrainFactory.GetGrain<IQuestionnaireGrain>(state.State.QuestionnaireId).GetVersionAsync(state.State.QuestionnaireVersion)
            ?? throw new InvalidOperationException($"Questionnaire {state.State.QuestionnaireId} has no version {state.State.QuestionnaireVersion}.");

    private static Dictionary<string, string[]> Copy(Dictionary<string, string[]> answers) =>
        answers.ToDictionary(a => a.Key, a => a.Value.ToArray(), StringComparer.Ordinal);
}
