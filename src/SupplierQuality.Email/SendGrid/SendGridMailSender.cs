using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace SupplierQuality.Email.SendGrid;

/// <summary>
/// Sends through the SendGrid v3 Mail Send API with the official SDK. Messages go in requests of up to 1,000
/// personalizations, one per message, and never the same address twice in one request (SendGrid refuses both). Each
/// personalization carries its own subject, headers, custom args and, as substitutions, its own bodies. 429 and 5xx
/// answers, timeouts and failed connections are retried with exponential backoff and jitter, honouring Retry-After
/// and X-RateLimit-Reset; a 400 is narrowed down by halving the request until the bad messages stand alone, so one
/// bad address does not hold back 999 good ones.
/// </summary>
/// <remarks>
/// At least once: a request that timed out or lost its connection may have been taken by SendGrid, and is sent
/// again. Each message carries its id as a custom arg, so events of a duplicate are recognisable.
/// </remarks>
public sealed partial class SendGridMailSender : IMailSender, IDisposable
{
    /// <summary>SendGrid's limits per request.</summary>
    public const int MaxPersonalizations = 1000;

    /// <summary>
    /// SendGrid allows 10,000 bytes of substitutions per personalization; the margin covers JSON escaping. Larger
    /// messages go one per request with their bodies as the request's content.
    /// </summary>
    internal const int MaxSubstitutionBytes = 9000;

    internal const string TextTag = "%sq_text%";
    internal const string HtmlTag = "%sq_html%";

    private readonly SendGridOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SendGridMailSender> _logger;
    private readonly HttpClient _http;
    private readonly SendGridClient _client;

    public SendGridMailSender(IOptions<SendGridOptions> options, TimeProvider time, ILogger<SendGridMailSender> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        // Our own client, so the SDK adds no retry handler of its own; the timeout is applied per attempt below.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client = new SendGridClient(_http, new SendGridClientOptions { ApiKey = _options.ApiKey, Host = _options.BaseUrl });
    }

    public void Dispose() => _http.Dispose();

    public async Task<MailBatchResult> SendAsync(IReadOnlyList<MailMessage> messages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var results = new MailSendResult?[messages.Count];
        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        var toSend = new List<Item>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (MailMessageRules.Problem(message) is { } problem)
            {
                results[i] = new MailSendResult(message.Id, MailSendStatus.Rejected, problem);
            }
            else if (firstIndexById.TryAdd(message.Id, i))
            {
                toSend.Add(new Item(i, message, IsInline(message)));
            }
        }

        var batches = Plan(toSend);
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentRequests },
            async (batch, _) => await SendBatchAsync(batch, results, ct));

        for (var i = 0; i < messages.Count; i++)
        {
            // A repeated id shares the result of its first occurrence.
            results[i] ??= results[firstIndexById[messages[i].Id]]
                ?? new MailSendResult(messages[i].Id, MailSendStatus.RetryLater, "Not attempted.");
        }

        return new MailBatchResult(results!);
    }

    /// <summary>
    /// Groups messages into requests: same sender, at most <see cref="MaxPersonalizations"/>, each address at most once
    /// (first fit, so a repeated address opens a further request only when every open one holds it already); a message
    /// too large for substitutions goes alone.
    /// </summary>
    internal List<Batch> Plan(IReadOnlyList<Item> items)
    {
        var batches = new List<Batch>();
        var open = new Dictionary<string, List<Batch>>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var from = MailMessageRules.Sender(item.Message, _options.FromEmail, _options.FromName)!;
            var replyTo = item.Message.ReplyTo;
            if (item.Inline)
            {
                batches.Add(new Batch(from, replyTo, inline: true, item));
                continue;
            }

            // Sender and Reply-To are the request's, not a personalization's: messages share a request only when both agree.
            var key = $"{from.Email}\n{from.Name}\n{replyTo?.Email}\n{replyTo?.Name}";
            if (!open.TryGetValue(key, out var candidates))
            {
                open[key] = candidates = [];
            }

            var batch = candidates.Find(b => b.Items.Count < MaxPersonalizations && !b.Addresses.Contains(item.Message.To.Email));
            if (batch is null)
            {
                batch = new Batch(from, replyTo, inline: false);
                candidates.Add(batch);
                batches.Add(batch);
            }

            batch.Add(item);
            if (batch.Items.Count == MaxPersonalizations)
            {
                candidates.Remove(batch);
            }
        }

        return batches;
    }

    private static bool IsInline(MailMessage message) =>
        Encoding.UTF8.GetByteCount(message.HtmlBody) + Encoding.UTF8.GetByteCount(message.TextBody)
        + HtmlTag.Length + TextTag.Length > MaxSubstitutionBytes;

    private async Task SendBatchAsync(Batch batch, MailSendResult?[] results, CancellationToken ct)
    {
        var outcome = ct.IsCancellationRequested
            ? Outcome.Later("Cancelled before sending.", null)
            : await PostAsync(Build(batch), ct);
        if (outcome.Status == MailSendStatus.Rejected && batch.Items.Count > 1)
        {
            var half = batch.Items.Count / 2;
            LogNarrowing(batch.Items.Count, outcome.Reason);
            await SendBatchAsync(batch.Slice(0, half), results, ct);
            await SendBatchAsync(batch.Slice(half, batch.Items.Count - half), results, ct);
            return;
        }

        foreach (var item in batch.Items)
        {
            results[item.Index] = new MailSendResult(item.Message.Id, outcome.Status, outcome.Reason, outcome.ProviderMessageId, outcome.RetryAfter);
        }
    }

    private SendGridMessage Build(Batch batch)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(batch.From.Email, batch.From.Name),
            Personalizations = new List<Personalization>(batch.Items.Count),
        };
        if (batch.ReplyTo is { } replyTo)
        {
            message.ReplyTo = new EmailAddress(replyTo.Email, string.IsNullOrWhiteSpace(replyTo.Name) ? null : replyTo.Name);
        }

        if (batch.Inline)
        {
            var only = batch.Items[0].Message;
            message.AddContent(MimeType.Text, only.TextBody);
            message.AddContent(MimeType.Html, only.HtmlBody);
        }
        else
        {
            message.AddContent(MimeType.Text, TextTag);
            message.AddContent(MimeType.Html, HtmlTag);
        }

        if (_options.SandboxMode)
        {
            message.MailSettings = new MailSettings { SandboxMode = new SandboxMode { Enable = true } };
        }

        foreach (var item in batch.Items)
        {
            var m = item.Message;
            var personalization = new Personalization
            {
                Tos = [new EmailAddress(m.To.Email, string.IsNullOrWhiteSpace(m.To.Name) ? null : m.To.Name)],
                Subject = m.Subject,
                CustomArgs = new Dictionary<string, string>(m.AllCustomArgs()),
            };
            if (!batch.Inline)
            {
                personalization.Substitutions = new Dictionary<string, string> { [TextTag] = m.TextBody, [HtmlTag] = m.HtmlBody };
            }

            if (m.UnsubscribeUrl is { } url)
            {
                personalization.Headers = new Dictionary<string, string>
                {
                    ["List-Unsubscribe"] = $"<{url}>",
                    ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                };
            }

            message.Personalizations.Add(personalization);
        }

        return message;
    }

    private async Task<Outcome> PostAsync(SendGridMessage message, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            TimeSpan? asked = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_options.RequestTimeout);
                var response = await _client.SendEmailAsync(message, timeout.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return Outcome.Accepted(Header(response, "X-Message-Id"));
                }

                var body = response.Body is null ? "" : await response.Body.ReadAsStringAsync(timeout.Token);
                reason = $"SendGrid answered {status}: {ErrorText(body)}";
                switch (response.StatusCode)
                {
                    case HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge:
                        return Outcome.Rejected(reason);
                    case HttpStatusCode.TooManyRequests:
                    case >= HttpStatusCode.InternalServerError:
                        asked = ServerDelay(response);
                        break;
                    default:
                        // 401, 403 and the like: the key or the account is wrong; retrying now changes nothing, but the
                        // messages are fine, so they wait for the configuration to be fixed.
                        LogRefused(status, reason);
                        return Outcome.Later(reason, null);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return Outcome.Later("Cancelled while sending; SendGrid may have taken the request.", null);
            }
            catch (OperationCanceledException)
            {
                reason = $"No answer within {_options.RequestTimeout.TotalSeconds:0.#} s.";
            }
            catch (HttpRequestException ex)
            {
                reason = $"Could not reach SendGrid: {ex.Message}";
            }

            var delay = asked ?? Backoff(attempt);
            if (attempt >= _options.MaxAttempts || delay > _options.MaxRetryDelay)
            {
                LogGivingUp(attempt, reason);
                return Outcome.Later(reason, delay);
            }

            LogRetrying(attempt, delay, reason);
            try
            {
                await Task.Delay(delay, _time, ct);
            }
            catch (OperationCanceledException)
            {
                return Outcome.Later("Cancelled while waiting to retry.", null);
            }
        }
    }

    /// <summary>Exponential, capped, with "equal jitter": half fixed, half random, so clients spread out.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.InitialBackoff * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = exponential < _options.MaxBackoff ? exponential : _options.MaxBackoff;
        return capped / 2 + capped / 2 * Random.Shared.NextDouble();
    }

    /// <summary>
    /// The wait SendGrid asked for (Retry-After as seconds or a date, else X-RateLimit-Reset as Unix seconds), plus up
    /// to a tenth more so clients that were told the same time do not return together; null when it asked for none.
    /// </summary>
    private TimeSpan? ServerDelay(Response response)
    {
        var now = _time.GetUtcNow();
        TimeSpan? wait = response.Headers?.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => long.TryParse(Header(response, "X-RateLimit-Reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset)
                && reset < DateTimeOffset.MaxValue.ToUnixTimeSeconds()
                ? DateTimeOffset.FromUnixTimeSeconds(reset) - now
                : null,
        };
        if (wait is not { } w)
        {
            return null;
        }

        w = w < TimeSpan.Zero ? TimeSpan.Zero : w;
        return w + w / 10 * Random.Shared.NextDouble();
    }

    private static string? Header(Response response, string name) =>
        response.Headers is { } headers && headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>SendGrid's <c>{"errors":[{"message":..., "field":...}]}</c> as one line; the raw body when it is not that.</summary>
    internal static string ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                var parts = errors.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object)
                    .Select(e => (Message: Str(e, "message"), Field: Str(e, "field")))
                    .Where(e => e.Message is not null)
                    .Select(e => e.Field is null ? e.Message : $"{e.Message} ({e.Field})")
                    .ToList();
                if (parts.Count > 0)
                {
                    return string.Join("; ", parts);
                }
            }
        }
        catch (JsonException)
        {
            // Not SendGrid's error shape (a proxy's HTML page, say): the raw text below says more than nothing.
        }

        body = body.Trim();
        return body.Length == 0 ? "(no body)" : body.Length <= 500 ? body : body[..500] + "...";

        static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid refused a request of {Count} messages ({Reason}); halving it to find the bad ones")]
    private partial void LogNarrowing(int count, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid refused the request with {Status}: {Reason}. Check SendGrid:ApiKey and the sender identity")]
    private partial void LogRefused(int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SendGrid attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    private partial void LogRetrying(int attempt, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid attempt {Attempt} failed ({Reason}); the messages will be retried later")]
    private partial void LogGivingUp(int attempt, string reason);

    internal sealed record Item(int Index, MailMessage Message, bool Inline);

    internal sealed class Batch
    {
        private readonly List<Item> _items = [];

        public Batch(Mailbox from, Mailbox? replyTo, bool inline, params IEnumerable<Item> items)
        {
            From = from;
            ReplyTo = replyTo;
            Inline = inline;
            foreach (var item in items)
            {
                Add(item);
            }
        }

        public Mailbox From { get; }

        public Mailbox? ReplyTo { get; }

        public bool Inline { get; }

        public IReadOnlyList<Item> Items => _items;

        public HashSet<string> Addresses { get; } = new(StringComparer.OrdinalIgnoreCase);

        public void Add(Item item)
        {
            _items.Add(item);
            Addresses.Add(item.Message.To.Email);
        }

        public Batch Slice(int start, int count) => new(From, ReplyTo, Inline, _items.GetRange(start, count));
    }

    private sealed record Outcome(MailSendStatus Status, string? Reason, string? ProviderMessageId, TimeSpan? RetryAfter)
    {
        public static Outcome Accepted(string? providerMessageId) => new(MailSendStatus.Accepted, null, providerMessageId, null);

        public static Outcome Rejected(string reason) => new(MailSendStatus.Rejected, reason, null, null);

        public static Outcome Later(string reason, TimeSpan? retryAfter) => new(MailSendStatus.RetryLater, reason, null, retryAfter);
    }
}
