using Microsoft.Extensions.Logging;
using SupplierQuality.Email;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Telemetry;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// Sends one batch of a campaign's mail: each supplier's campaign prepares its messages (writing its intent to send
/// before it answers), the batch goes to the mail service in one call, and what the service took is recorded back.
/// A supplier whose part failed comes back in <see cref="MailRound.Retry"/>, so the campaign's cursor can move on:
/// the retry repeats the same pass, which is idempotent. Evaluators' invitations go to their digests
/// (<see cref="IEvaluatorDigestGrain"/>), which <see cref="SendDigestsAsync"/> sends the same way (docs/adr/0007).
/// </summary>
internal sealed class CampaignMailDispatch(IGrainFactory grains, IMailSender mail, TimeProvider time, ILogger logger)
{
    /// <summary>How long mail waits after the service asked us to slow down or failed, unless it said how long.</summary>
    private static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan ShortestRetryDelay = TimeSpan.FromSeconds(5);

    public async Task<MailRound> SendAsync(Guid campaignId, SupplierCampaignBrief brief, IReadOnlyList<CampaignRetry> items)
    {
        var prepared = await Task.WhenAll(items.Select(async item =>
        {
            try
            {
                var mails = await grains.GetSupplierCampaign(campaignId, item.SupplierId).PrepareMailsAsync(brief, item.Pass, item.Number);
                return (item, mails, failed: false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Campaign {Campaign}: preparing mail for supplier {Supplier} failed; it will be retried.", campaignId, item.SupplierId);
                return (item, mails: new PreparedMail([], []), failed: true);
            }
        }));

        var retry = prepared.Where(p => p.failed).Select(p => p.item).ToList();
        var (settled, digestsDue) = await AddToDigestsAsync(campaignId, [.. prepared.SelectMany(p => p.mails.ForDigests)], retry);
        var messages = prepared.SelectMany(p => p.mails.Mails.Select(m => (Owner: p.item.SupplierId, Mail: m))).ToList();
        var round = await SendAndRecordAsync(
            messages,
            brief,
            settled,
            (supplierId, outcomes) => grains.GetSupplierCampaign(campaignId, supplierId).MarkSentAsync(outcomes),
            supplierId => new CampaignRetry { SupplierId = supplierId, Pass = MailPass.Waiting },
            retry,
            campaignId);
        return round with { DigestsDue = digestsDue };
    }

    /// <summary>
    /// Sends the digests of <paramref name="items"/> (one per evaluator: <see cref="CampaignRetry.Evaluator"/>), each
    /// prepared by its digest grain, in one call to the mail service, and records what the service said there.
    /// </summary>
    public async Task<MailRound> SendDigestsAsync(Guid campaignId, SupplierCampaignBrief brief, IReadOnlyList<CampaignRetry> items)
    {
        var prepared = await Task.WhenAll(items.Select(async item =>
        {
            try
            {
                var mails = await grains.GetEvaluatorDigest(campaignId, item.Evaluator!).PrepareAsync(brief, item.Pass, item.Number);
                return (item, mails, failed: false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Campaign {Campaign}: preparing the digest of an evaluator failed; it will be retried.", campaignId);
                return (item, mails: (IReadOnlyList<PendingMail>)[], failed: true);
            }
        }));

        var retry = prepared.Where(p => p.failed).Select(p => p.item).ToList();
        var messages = prepared.SelectMany(p => p.mails.Select(m => (Owner: p.item.Evaluator!, Mail: m))).ToList();
        return await SendAndRecordAsync(
            messages,
            brief,
            [],
            (evaluator, outcomes) => grains.GetEvaluatorDigest(campaignId, evaluator).MarkSentAsync(outcomes),
            evaluator => new CampaignRetry { Evaluator = evaluator, Pass = MailPass.Waiting },
            retry,
            campaignId);
    }

    /// <summary>
    /// Hands the evaluators' invitations to their digests. Answers what digests already did with some of them (to record
    /// on their suppliers' campaigns, as if sent now) and whether any digest has suppliers still to send. A supplier whose
    /// lines a digest did not take is retried.
    /// </summary>
    private async Task<(List<(Guid SupplierId, MailOutcome Outcome)> Settled, bool Due)> AddToDigestsAsync(
        Guid campaignId, List<DigestItem> items, List<CampaignRetry> retry)
    {
        var answers = await Task.WhenAll(items.GroupBy(i => EvaluatorDigest.Normalize(i.EvaluatorEmail), StringComparer.Ordinal).Select(async group =>
        {
            try
            {
                return (group, answer: await grains.GetEvaluatorDigest(campaignId, group.Key).AddLinesAsync(campaignId, [.. group]));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Campaign {Campaign}: an evaluator's digest did not take its suppliers; they will be retried.", campaignId);
                return (group, answer: (DigestLinesAnswer?)null);
            }
        }));

        var settled = new List<(Guid, MailOutcome)>();
        var due = false;
        foreach (var (group, answer) in answers)
        {
            if (answer is null)
            {
                retry.AddRange(group.Select(i => i.SupplierId).Distinct()
                    .Where(id => !retry.Exists(r => r.SupplierId == id && r.Evaluator is null && r.Pass == MailPass.Waiting))
                    .Select(id => new CampaignRetry { SupplierId = id, Pass = MailPass.Waiting }));
                continue;
            }

            due |= answer.Pending;
            var supplierOf = group.ToDictionary(i => i.InvitationKey, i => i.SupplierId, StringComparer.Ordinal);
            settled.AddRange(answer.Settled.Where(o => supplierOf.ContainsKey(o.InvitationKey)).Select(o => (supplierOf[o.InvitationKey], o)));
        }

        return (settled, due);
    }

    /// <summary>
    /// Sends <paramref name="messages"/> in one call, then records each owner's outcomes (plus <paramref name="settled"/>)
    /// with <paramref name="record"/>. An owner whose mail must wait, or whose outcomes could not be recorded, is retried.
    /// </summary>
    private async Task<MailRound> SendAndRecordAsync<TOwner>(
        List<(TOwner Owner, PendingMail Mail)> messages,
        SupplierCampaignBrief brief,
        List<(TOwner Owner, MailOutcome Outcome)> settled,
        Func<TOwner, IReadOnlyList<MailOutcome>, Task> record,
        Func<TOwner, CampaignRetry> waitingRetry,
        List<CampaignRetry> retry,
        Guid campaignId)
        where TOwner : notnull
    {
        if (messages.Count == 0 && settled.Count == 0)
        {
            return new MailRound(retry, null, null);
        }

        var now = time.GetUtcNow();
        var outcomes = new List<(TOwner Owner, MailOutcome Outcome, TimeSpan? RetryAfter)>();
        if (messages.Count > 0)
        {
            MailBatchResult result;
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            {
                result = await mail.SendAsync([.. messages.Select(m => ToMessage(m.Mail, brief))], timeout.Token);
            }

            now = time.GetUtcNow();
            outcomes.AddRange(result.Results.Zip(messages, (r, m) => (m.Owner, new MailOutcome(
                m.Mail.InvitationKey,
                m.Mail.Purpose,
                r.Status switch
                {
                    MailSendStatus.Accepted => MailOutcomeKind.Accepted,
                    MailSendStatus.Rejected => MailOutcomeKind.Rejected,
                    _ => MailOutcomeKind.RetryLater,
                },
                r.Reason,
                now), r.RetryAfter)));
            ProductMetrics.RecordMail(outcomes.Select(o => o.Outcome));
        }

        var all = outcomes.Select(o => (o.Owner, o.Outcome)).Concat(settled).ToList();
        await Task.WhenAll(all.GroupBy(o => o.Owner).Select(async group =>
        {
            try
            {
                await record(group.Key, [.. group.Select(g => g.Outcome)]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The mail stays waiting there and goes again on the retry: at least once, never lost.
                logger.LogWarning(e, "Campaign {Campaign}: recording sent mail failed; it will be retried.", campaignId);
                retry.Add(waitingRetry(group.Key));
            }
        }));

        var waiting = outcomes.Where(o => o.Outcome.Kind == MailOutcomeKind.RetryLater).ToList();
        if (waiting.Count == 0)
        {
            return new MailRound(retry, null, null);
        }

        retry.AddRange(waiting.Select(w => w.Owner).Distinct().Select(waitingRetry).Where(r => !retry.Exists(r.Same)));
        var delay = waiting.Max(w => w.RetryAfter) ?? DefaultRetryDelay;
        return new MailRound(
            retry,
            now + (delay < ShortestRetryDelay ? ShortestRetryDelay : delay),
            $"{now:u}: {waiting[0].Outcome.Reason ?? "the mail service did not take every message"}; retrying.");
    }

    private static MailMessage ToMessage(PendingMail m, SupplierCampaignBrief brief) =>
        new(m.MessageId, new Mailbox(m.ToEmail, m.ToName), m.Subject, m.HtmlBody, m.TextBody)
        {
            // A digest is about many invitations: its events find them through its message id (EvaluatorDigest.TryParseMessageId).
            InvitationId = m.MessageId.StartsWith(EvaluatorDigest.MessagePrefix, StringComparison.Ordinal) ? null : m.InvitationKey,
            // Evaluators get no unsubscribe link, nor its header (docs/adr/0007).
            UnsubscribeUrl = m.UnsubscribeUrl is { Length: > 0 } url ? url : null,
            ReplyTo = OrganisationMail.ReplyTo(brief.Organisation),
            SenderName = OrganisationMail.SenderName(brief.Organisation, brief.BuyerName),
        };
}

/// <summary>
/// What one batch of mail left to do: suppliers (or evaluators' digests) to try again and, when the service pushed
/// back, from when; and whether an evaluator's digest now holds suppliers not yet sent to them.
/// </summary>
internal sealed record MailRound(List<CampaignRetry> Retry, DateTimeOffset? RetryAfter, string? Problem, bool DigestsDue = false);
