using Microsoft.Extensions.Logging;
using SupplierQuality.Email;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Telemetry;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// Sends one batch of a campaign's mail: each supplier's campaign prepares its messages (writing its intent to send
/// before it answers), the batch goes to the mail service in one call, and what the service took is recorded back.
/// A supplier whose part failed comes back in <see cref="MailRound.Retry"/>, so the campaign's cursor can move on:
/// the retry repeats the same pass, which is idempotent.
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
                var mails = await grains.GetSupplierCampaign(campaignId, item.SupplierId).PrepareMailAsync(brief, item.Pass, item.Number);
                return (item, mails, failed: false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Campaign {Campaign}: preparing mail for supplier {Supplier} failed; it will be retried.", campaignId, item.SupplierId);
                return (item, mails: (IReadOnlyList<PendingMail>)[], failed: true);
            }
        }));

        var retry = prepared.Where(p => p.failed).Select(p => p.item).ToList();
        var messages = prepared.SelectMany(p => p.mails.Select(m => (p.item.SupplierId, Mail: m))).ToList();
        if (messages.Count == 0)
        {
            return new MailRound(retry, null, null);
        }

        MailBatchResult result;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            result = await mail.SendAsync([.. messages.Select(m => ToMessage(m.Mail, brief))], timeout.Token);
        }

        var now = time.GetUtcNow();
        var outcomes = result.Results.Zip(messages, (r, m) => (m.SupplierId, Outcome: new MailOutcome(
            m.Mail.InvitationKey,
            m.Mail.Purpose,
            r.Status switch
            {
                MailSendStatus.Accepted => MailOutcomeKind.Accepted,
                MailSendStatus.Rejected => MailOutcomeKind.Rejected,
                _ => MailOutcomeKind.RetryLater,
            },
            r.Reason,
            now), r.RetryAfter)).ToList();
        ProductMetrics.RecordMail(outcomes.Select(o => o.Outcome));
        await Task.WhenAll(outcomes.GroupBy(o => o.SupplierId).Select(async group =>
        {
            try
            {
                await grains.GetSupplierCampaign(campaignId, group.Key).MarkSentAsync([.. group.Select(g => g.Outcome)]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The mail stays waiting there and goes again on the retry: at least once, never lost.
                logger.LogWarning(e, "Campaign {Campaign}: recording sent mail for supplier {Supplier} failed.", campaignId, group.Key);
                retry.Add(new CampaignRetry { SupplierId = group.Key, Pass = MailPass.Waiting });
            }
        }));

        var waiting = outcomes.Where(o => o.Outcome.Kind == MailOutcomeKind.RetryLater).ToList();
        if (waiting.Count == 0)
        {
            return new MailRound(retry, null, null);
        }

        retry.AddRange(waiting.Select(w => w.SupplierId).Distinct().Select(id => new CampaignRetry { SupplierId = id, Pass = MailPass.Waiting }));
        var delay = waiting.Max(w => w.RetryAfter) ?? DefaultRetryDelay;
        return new MailRound(
            retry,
            now + (delay < ShortestRetryDelay ? ShortestRetryDelay : delay),
            $"{now:u}: {waiting[0].Outcome.Reason ?? "the mail service did not take every message"}; retrying.");
    }

    private static MailMessage ToMessage(PendingMail m, SupplierCampaignBrief brief) =>
        new(m.MessageId, new Mailbox(m.ToEmail, m.ToName), m.Subject, m.HtmlBody, m.TextBody)
        {
            InvitationId = m.InvitationKey,
            UnsubscribeUrl = m.UnsubscribeUrl,
            ReplyTo = OrganisationMail.ReplyTo(brief.Organisation),
            SenderName = OrganisationMail.SenderName(brief.Organisation, brief.BuyerName),
        };
}

/// <summary>What one batch of mail left to do: suppliers to try again and, when the service pushed back, from when.</summary>
internal sealed record MailRound(List<CampaignRetry> Retry, DateTimeOffset? RetryAfter, string? Problem);
