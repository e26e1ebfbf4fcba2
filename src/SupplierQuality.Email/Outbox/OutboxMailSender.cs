using System.Text.Json;
using Microsoft.Extensions.Options;
using SupplierQuality.Email.SendGrid;

namespace SupplierQuality.Email.Outbox;

/// <summary>
/// The development sender: writes each message as a JSON file in the outbox folder instead of sending it. A file
/// appears whole or not at all (written aside, flushed, then renamed), and a message id already there is accepted
/// again without touching its file, so retries are harmless.
/// </summary>
public sealed class OutboxMailSender : IMailSender
{
    private readonly string _folder;
    private readonly SendGridOptions _sendGrid;
    private readonly TimeProvider _time;

    public OutboxMailSender(IOptions<MailOptions> options, IOptions<SendGridOptions> sendGrid, TimeProvider time)
    {
        _folder = OutboxFolder.Path(options);
        _sendGrid = sendGrid.Value;
        _time = time;
    }

    public async Task<MailBatchResult> SendAsync(IReadOnlyList<MailMessage> messages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Directory.CreateDirectory(_folder);
        var results = new List<MailSendResult>(messages.Count);
        foreach (var message in messages)
        {
            if (MailMessageRules.Problem(message) is { } problem)
            {
                results.Add(new MailSendResult(message.Id, MailSendStatus.Rejected, problem));
                continue;
            }

            if (ct.IsCancellationRequested)
            {
                results.Add(new MailSendResult(message.Id, MailSendStatus.RetryLater, "Cancelled before writing."));
                continue;
            }

            var fileName = await WriteOnceAsync(message, ct);
            results.Add(new MailSendResult(message.Id, MailSendStatus.Accepted, ProviderMessageId: fileName));
        }

        return new MailBatchResult(results);
    }

    private async Task<string> WriteOnceAsync(MailMessage message, CancellationToken ct)
    {
        var fileName = OutboxFolder.FileName(message.Id);
        var target = Path.Combine(_folder, fileName);
        if (File.Exists(target))
        {
            return fileName;
        }

        var now = _time.GetUtcNow();
        var temp = Path.Combine(_folder, $".{Guid.NewGuid():N}{OutboxFolder.TempExtension}");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(stream, OutboxMessage.Of(message, MailMessageRules.Sender(message, _sendGrid.FromEmail, _sendGrid.FromName), now), OutboxFolder.Json, CancellationToken.None);
                stream.Flush(flushToDisk: true);
            }

            // The reader lists newest first by this time; taking it from the TimeProvider keeps that order testable.
            File.SetLastWriteTimeUtc(temp, now.UtcDateTime);
            File.Move(temp, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // A concurrent send of the same id renamed its file first: that file is this message.
        }
        finally
        {
            File.Delete(temp);
        }

        return fileName;
    }
}
