using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SupplierQuality.Email.Tests.SendGridServer;

/// <summary>
/// A loopback stand-in for the SendGrid v3 Mail Send API (<c>POST /v3/mail/send</c>) on Kestrel at 127.0.0.1 and a
/// free port. Point the real SDK at <see cref="BaseUrl"/>. It checks the Bearer key and what SendGrid checks of a
/// request (at most 1,000 personalizations and recipients, no address twice, a sender, a subject, content, string
/// custom args, substitutions within 10,000 bytes), answers 202 with an X-Message-Id, and records every request.
/// Faults are scripted with <see cref="Enqueue"/> (answered to the next requests in order) and
/// <see cref="RejectAddress"/> (every request holding the address gets SendGrid's 400).
/// Self-contained: only ASP.NET Core and System.Text.Json.
/// </summary>
public sealed class SendGridLoopbackServer : IAsyncDisposable
{
    public const string DefaultApiKey = "SG.loopback-test-key";
    public const int MaxPersonalizations = 1000;
    public const int MaxRecipients = 1000;
    public const int MaxSubstitutionBytes = 10_000;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SendGridFault> _faults = new();
    private readonly ConcurrentDictionary<string, string> _rejected = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();

    private SendGridLoopbackServer(WebApplication app, string apiKey, TimeProvider clock)
    {
        _app = app;
        ApiKey = apiKey;
        Clock = clock;
    }

    /// <summary>The key requests must carry as <c>Authorization: Bearer</c>.</summary>
    public string ApiKey { get; }

    /// <summary>Stamps requests and computes X-RateLimit-Reset; share the client's clock to make both agree.</summary>
    public TimeProvider Clock { get; }

    /// <summary>What to set as the SDK's Host (<c>SendGrid:BaseUrl</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request received, in order, with the status it was answered.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The messages of the requests answered 202, bodies and subject with their substitutions applied.</summary>
    public IReadOnlyList<SentMessage> Accepted => [.. Requests.Where(r => r.Status == StatusCodes.Status202Accepted).SelectMany(r => r.Messages)];

    public static async Task<SendGridLoopbackServer> StartAsync(string apiKey = DefaultApiKey, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SendGridLoopbackServer(app, apiKey, clock ?? TimeProvider.System);
        app.MapPost("/v3/mail/send", server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>Answers the next requests with these faults, one each, before any other check.</summary>
    public void Enqueue(params IEnumerable<SendGridFault> faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>Any request holding <paramref name="email"/> gets a 400 naming its field, as SendGrid does for a bad address.</summary>
    public void RejectAddress(string email, string message = "Does not contain a valid address.") => _rejected[email] = message;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync(context.RequestAborted);
        var received = Clock.GetUtcNow();
        var authorization = context.Request.Headers.Authorization.ToString();
        JsonObject? body = null;
        try
        {
            body = JsonNode.Parse(raw) as JsonObject;
        }
        catch (JsonException)
        {
            // Answered below as SendGrid answers unparsable JSON.
        }

        if (_faults.TryDequeue(out var fault))
        {
            if (fault.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(fault.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    Record(new RecordedRequest(received, 0, authorization, raw, []));
                    return;
                }
            }

            if (fault.Status is { } status)
            {
                Record(new RecordedRequest(received, status, authorization, raw, []));
                await AnswerFaultAsync(context, fault, status);
                return;
            }
        }

        if (authorization != $"Bearer {ApiKey}")
        {
            Record(new RecordedRequest(received, StatusCodes.Status401Unauthorized, authorization, raw, []));
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "The provided authorization grant is invalid, expired, or revoked", null);
            return;
        }

        var (error, field, messages) = body is null ? ("Bad Request", null, []) : Check(body);
        if (error is not null)
        {
            Record(new RecordedRequest(received, StatusCodes.Status400BadRequest, authorization, raw, messages));
            await ErrorAsync(context, StatusCodes.Status400BadRequest, error, field);
            return;
        }

        var messageId = Base64Url(RandomNumberGenerator.GetBytes(16));
        var sent = messages.Select(m => m with { XMessageId = messageId }).ToList();
        Record(new RecordedRequest(received, StatusCodes.Status202Accepted, authorization, raw, sent));
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers["X-Message-Id"] = messageId;
    }

    private void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    private async Task AnswerFaultAsync(HttpContext context, SendGridFault fault, int status)
    {
        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (fault.RateLimitResetIn is { } resetIn)
        {
            context.Response.Headers["X-RateLimit-Limit"] = "600";
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset"] = (Clock.GetUtcNow() + resetIn).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var message = fault.Message ?? status switch
        {
            StatusCodes.Status429TooManyRequests => "too many requests",
            StatusCodes.Status400BadRequest => "Bad Request",
            _ => "internal server error",
        };
        await ErrorAsync(context, status, message, fault.Field);
    }

    private static Task ErrorAsync(HttpContext context, int status, string message, string? field)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { errors = new[] { new { message, field, help = (string?)null } } });
    }

    /// <summary>SendGrid's checks, in roughly its order; the first failure wins, as in its answers.</summary>
    private (string? Error, string? Field, IReadOnlyList<SentMessage> Messages) Check(JsonObject body)
    {
        var from = body["from"] as JsonObject;
        var fromEmail = Str(from?["email"]);
        if (!IsAddress(fromEmail))
        {
            return ("The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.", "from.email", []);
        }

        var replyTo = body["reply_to"] as JsonObject;
        var replyToEmail = Str(replyTo?["email"]);
        if (replyTo is not null && !IsAddress(replyToEmail))
        {
            return ("The reply_to email does not contain a valid address.", "reply_to.email", []);
        }

        if (body["personalizations"] is not JsonArray personalizations || personalizations.Count == 0)
        {
            return ("The personalizations field is required and must have at least one personalization.", "personalizations", []);
        }

        if (personalizations.Count > MaxPersonalizations)
        {
            return ($"The personalizations field must have at most {MaxPersonalizations} personalizations.", "personalizations", []);
        }

        var contents = body["content"] as JsonArray;
        if (contents is null || contents.Count == 0 || contents.Any(c => string.IsNullOrEmpty(Str(c?["type"])) || string.IsNullOrEmpty(Str(c?["value"]))))
        {
            return ("Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.", "content", []);
        }

        if (contents.Skip(1).Any(c => Str(c?["type"]) == "text/plain"))
        {
            return ("If present, text/plain content must be first, followed by any other content.", "content", []);
        }

        var text = Str(contents.FirstOrDefault(c => Str(c?["type"]) == "text/plain")?["value"]) ?? "";
        var html = Str(contents.FirstOrDefault(c => Str(c?["type"]) == "text/html")?["value"]) ?? "";
        var globalSubject = Str(body["subject"]);
        var globalArgs = Strings(body["custom_args"] as JsonObject);
        if (globalArgs is null)
        {
            return ("Custom args values must be strings.", "custom_args", []);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var recipients = 0;
        var messages = new List<SentMessage>(personalizations.Count);
        for (var i = 0; i < personalizations.Count; i++)
        {
            if (personalizations[i] is not JsonObject p || p["to"] is not JsonArray to || to.Count == 0)
            {
                return ("The to array is required for all personalization objects, and must have at least one email object with a valid email address.", $"personalizations.{i}.to", []);
            }

            foreach (var kind in new[] { "to", "cc", "bcc" })
            {
                var list = p[kind] as JsonArray ?? [];
                for (var j = 0; j < list.Count; j++)
                {
                    var email = Str(list[j]?["email"]);
                    if (!IsAddress(email))
                    {
                        return ("Does not contain a valid address.", $"personalizations.{i}.{kind}.{j}.email", []);
                    }

                    if (_rejected.TryGetValue(email!, out var rejection))
                    {
                        return (rejection, $"personalizations.{i}.{kind}.{j}.email", []);
                    }

                    if (!seen.Add(email!))
                    {
                        return ($"Each email address in the personalization block should be unique between to, cc, and bcc. We found the first duplicate instance of [{email}] in the personalizations.{i}.{kind} field.", $"personalizations.{i}.{kind}", []);
                    }

                    if (++recipients > MaxRecipients)
                    {
                        return ($"The total number of recipients must be no more than {MaxRecipients}.", "personalizations", []);
                    }
                }
            }

            var subject = Str(p["subject"]) ?? globalSubject;
            if (string.IsNullOrEmpty(subject))
            {
                return ("The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.", "subject", []);
            }

            var args = Strings(p["custom_args"] as JsonObject);
            var substitutions = Strings(p["substitutions"] as JsonObject);
            var headers = Strings(p["headers"] as JsonObject);
            if (args is null || substitutions is null || headers is null)
            {
                return ("Custom args, substitutions and headers must be objects of string values.", $"personalizations.{i}", []);
            }

            if (substitutions.Sum(s => Encoding.UTF8.GetByteCount(s.Key) + Encoding.UTF8.GetByteCount(s.Value)) > MaxSubstitutionBytes)
            {
                return ($"The total size of substitutions may not exceed {MaxSubstitutionBytes} bytes per personalization object.", $"personalizations.{i}.substitutions", []);
            }

            var allArgs = new Dictionary<string, string>(globalArgs);
            foreach (var (key, value) in args)
            {
                allArgs[key] = value;
            }

            var first = (JsonObject)to[0]!;
            messages.Add(new SentMessage(
                Str(first["email"])!,
                Str(first["name"]),
                fromEmail!,
                Substitute(subject, substitutions),
                Substitute(html, substitutions),
                Substitute(text, substitutions),
                allArgs,
                headers,
                XMessageId: "",
                FromName: Str(from?["name"]),
                ReplyTo: replyToEmail,
                ReplyToName: Str(replyTo?["name"])));
        }

        return (null, null, messages);
    }

    private static string Substitute(string value, IReadOnlyDictionary<string, string> substitutions)
    {
        foreach (var (key, replacement) in substitutions)
        {
            value = value.Replace(key, replacement, StringComparison.Ordinal);
        }

        return value;
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>An object's members as strings; null when one is not a string (SendGrid refuses that).</summary>
    private static Dictionary<string, string>? Strings(JsonObject? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in node ?? [])
        {
            if (Str(value) is not { } s)
            {
                return null;
            }

            result[key] = s;
        }

        return result;
    }

    private static bool IsAddress(string? email) =>
        !string.IsNullOrWhiteSpace(email) && System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
