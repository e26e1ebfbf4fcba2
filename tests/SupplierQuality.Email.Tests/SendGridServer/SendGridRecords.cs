namespace SupplierQuality.Email.Tests.SendGridServer;

/// <summary>
/// A scripted answer of <see cref="SendGridLoopbackServer"/>: wait <see cref="Delay"/> (cut short when the client
/// gives up), then answer <see cref="Status"/> with these headers, or, when <see cref="Status"/> is null, answer as usual.
/// </summary>
public sealed record SendGridFault(
    int? Status,
    TimeSpan Delay = default,
    TimeSpan? RetryAfter = null,
    TimeSpan? RateLimitResetIn = null,
    string? Message = null,
    string? Field = null)
{
    public static SendGridFault TooManyRequests(TimeSpan? retryAfter = null, TimeSpan? resetIn = null) => new(429, RetryAfter: retryAfter, RateLimitResetIn: resetIn);

    public static SendGridFault ServerError(int status = 500) => new(status);

    public static SendGridFault BadRequest(string message, string? field = null) => new(400, Message: message, Field: field);

    public static SendGridFault Slow(TimeSpan delay) => new(null, delay);
}

/// <param name="ReceivedAt">By the server's clock.</param>
/// <param name="Status">The status answered; 0 when the client gave up before the answer.</param>
/// <param name="Authorization">The Authorization header as sent.</param>
/// <param name="Body">The raw JSON body.</param>
/// <param name="Messages">One per personalization, for requests that passed the checks.</param>
public sealed record RecordedRequest(DateTimeOffset ReceivedAt, int Status, string Authorization, string Body, IReadOnlyList<SentMessage> Messages);

/// <summary>One personalization as its recipient would get it: subject and bodies with substitutions applied.</summary>
/// <param name="FromName">The sender's display name (the request's <c>from.name</c>).</param>
/// <param name="ReplyTo">The request's <c>reply_to.email</c>; <paramref name="ReplyToName"/> its name.</param>
public sealed record SentMessage(
    string To,
    string? ToName,
    string From,
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<string, string> CustomArgs,
    IReadOnlyDictionary<string, string> Headers,
    string XMessageId,
    string? FromName = null,
    string? ReplyTo = null,
    string? ReplyToName = null)
{
    public string? MessageId => CustomArgs.GetValueOrDefault("sq_message_id");

    public string? InvitationId => CustomArgs.GetValueOrDefault("invitation_id");
}
