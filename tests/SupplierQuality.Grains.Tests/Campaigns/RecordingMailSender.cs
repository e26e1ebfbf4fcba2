using System.Collections.Concurrent;
using SupplierQuality.Email;

namespace SupplierQuality.Grains.Tests.Campaigns;

/// <summary>
/// The silo's mail sender in grain tests: records every message it accepts. Addresses at <c>refused.test</c> are
/// rejected for good; while <see cref="Outage"/> is set every message must wait. The real senders are tested against
/// a loopback SendGrid and a real outbox folder in the other test projects.
/// </summary>
public sealed class RecordingMailSender : IMailSender
{
    public static RecordingMailSender Instance { get; } = new();

    private readonly ConcurrentQueue<MailMessage> _accepted = new();

    public bool Outage { get; set; }

    public IReadOnlyList<MailMessage> Accepted => [.. _accepted];

    public IReadOnlyList<MailMessage> To(string email) => [.. _accepted.Where(m => string.Equals(m.To.Email, email, StringComparison.OrdinalIgnoreCase))];

    public Task<MailBatchResult> SendAsync(IReadOnlyList<MailMessage> messages, CancellationToken ct)
    {
        var results = messages.Select(m =>
        {
            if (Outage)
            {
                return new MailSendResult(m.Id, MailSendStatus.RetryLater, "service unavailable", RetryAfter: TimeSpan.FromMinutes(1));
            }

            if (m.To.Email.EndsWith("@refused.test", StringComparison.OrdinalIgnoreCase))
            {
                return new MailSendResult(m.Id, MailSendStatus.Rejected, "invalid address");
            }

            _accepted.Enqueue(m);
            return new MailSendResult(m.Id, MailSendStatus.Accepted);
        }).ToList();
        return Task.FromResult(new MailBatchResult(results));
    }
}
