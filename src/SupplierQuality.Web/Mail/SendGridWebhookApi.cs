using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Email.SendGrid;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;

namespace SupplierQuality.Web.Mail;

/// <summary>
/// <c>POST /webhooks/sendgrid</c>: SendGrid's signed Event Webhook. Anonymous and without antiforgery, because the
/// credential is the ECDSA signature over the timestamp and the raw body (<see cref="SendGridEventWebhook"/>), not a
/// cookie. Each event that names an invitation is recorded on that invitation's grain.
/// </summary>
internal static class SendGridWebhookApi
{
    public const string Path = "/webhooks/sendgrid";

    /// <summary>
    /// SendGrid batches events into posts of about a thousand at most, well under this; anything bigger is not
    /// SendGrid, and refusing it before reading keeps an anonymous caller from making the node hold large bodies.
    /// </summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Invitations recorded at once for one post: enough to finish a full post quickly, few enough not to crowd out other work.</summary>
    private const int MaxConcurrentInvitations = 8;

    // No byte order mark is skipped and none is expected: the signature covers the body exactly as sent.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static RouteHandlerBuilder MapMailWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, ReceiveAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .WithTags("Mail")
            .WithName("SendGridEventWebhook")
            .WithSummary("SendGrid Event Webhook (signed)")
            .WithDescription(
                "200 once every event is recorded; 401 for a missing, wrong or stale signature; 400 for a signed body that is not a JSON "
                + "array of events; 404 while no verification key is configured; 500 when recording failed, so SendGrid posts again.");

    public static async Task<Results<Ok, NotFound, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, SendGridEventWebhook webhook, IGrainFactory grains, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(SendGridWebhookApi).FullName!);
        string body;
        using (var reader = new StreamReader(request.Body, Utf8, detectEncodingFromByteOrderMarks: false))
        {
            body = await reader.ReadToEndAsync(ct);
        }

        var result = webhook.Read(body, request.Headers[SendGridEventWebhook.SignatureHeader], request.Headers[SendGridEventWebhook.TimestampHeader]);
        switch (result.Verdict)
        {
            case WebhookVerdict.Accepted:
                break;
            case WebhookVerdict.NotConfigured:
                // As if the endpoint did not exist: without a key nothing here can be trusted.
                logger.LogWarning("A SendGrid webhook post was refused: SendGrid:WebhookPublicKey is not configured.");
                return TypedResults.NotFound();
            case WebhookVerdict.Malformed:
                logger.LogWarning("A signed SendGrid webhook post could not be read: {Error}", result.Error);
                return TypedResults.Problem(result.Error, statusCode: StatusCodes.Status400BadRequest, title: "The events could not be read.");
            default:
                // A wrong key in the configuration shows here too, so it is worth a warning, not a debug line.
                logger.LogWarning("A SendGrid webhook post was refused ({Verdict}): {Error}", result.Verdict, result.Error);
                return TypedResults.Problem(result.Error, statusCode: StatusCodes.Status401Unauthorized, title: "The post is not signed by SendGrid.");
        }

        try
        {
            await RecordAsync(result.Events, grains, time.GetUtcNow(), logger, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not a 2xx, so SendGrid posts the whole batch again later; recording is idempotent by event id.
            logger.LogError(e, "Recording {Count} SendGrid events failed; SendGrid will post them again.", result.Events.Count);
            return TypedResults.Problem(
                "The events could not be recorded now. Post them again later.",
                statusCode: StatusCodes.Status500InternalServerError,
                title: "The events were not recorded.");
        }

        return TypedResults.Ok();
    }

    /// <summary>
    /// Records the events that name an invitation, in parallel across invitations, and those of an evaluator's digest on
    /// every invitation it listed (docs/adr/0007). One invitation's events go in the order SendGrid posted them, one at
    /// a time: its grain takes them one by one anyway, and the order is kept.
    /// </summary>
    private static async Task RecordAsync(
        IReadOnlyList<SendGridEvent> events, IGrainFactory grains, DateTimeOffset receivedAt, ILogger logger, CancellationToken ct)
    {
        var byInvitation = new Dictionary<string, List<DeliveryEvent>>(StringComparer.Ordinal);
        var byDigest = new Dictionary<(string Key, string Purpose), List<DeliveryEvent>>();
        foreach (var e in events)
        {
            // An evaluator's digest names no one invitation: its message id finds the digest, which has the invitations.
            if (!IsInvitationKey(e.InvitationId) && Recorded(e.Type) is { } digestEvent
                && EvaluatorDigest.TryParseMessageId(e.MessageId, out var digestKey, out var purpose))
            {
                if (!byDigest.TryGetValue((digestKey, purpose), out var digestEvents))
                {
                    byDigest[(digestKey, purpose)] = digestEvents = [];
                }

                digestEvents.Add(new DeliveryEvent(digestEvent, e.Timestamp ?? receivedAt, e.Reason, e.IsHardBounce, e.EventId));
                continue;
            }

            if (!IsInvitationKey(e.InvitationId) || Recorded(e.Type) is not { } type)
            {
                logger.LogDebug("Ignored SendGrid event {EventId} ({Event}): it names no invitation, or its type is not recorded.", e.EventId, e.EventName);
                continue;
            }

            if (!byInvitation.TryGetValue(e.InvitationId, out var list))
            {
                byInvitation[e.InvitationId] = list = [];
            }

            list.Add(new DeliveryEvent(type, e.Timestamp ?? receivedAt, e.Reason, e.IsHardBounce, e.EventId));
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentInvitations, CancellationToken = ct };
        await Parallel.ForEachAsync(byInvitation, options, async (invitation, _) =>
        {
            var grain = grains.GetGrain<IInvitationGrain>(invitation.Key);
            foreach (var delivery in invitation.Value)
            {
                if ((await grain.RecordDeliveryAsync(delivery)).Outcome == InvitationOutcome.NotFound)
                {
                    // Mail of another deployment, or an invitation issued in a database since replaced: nothing to retry.
                    logger.LogDebug("Ignored SendGrid events for invitation {Invitation}: no such invitation.", invitation.Key);
                    break;
                }
            }
        });
        await Parallel.ForEachAsync(byDigest, options, async (digest, _) =>
        {
            var grain = grains.GetGrain<IEvaluatorDigestGrain>(digest.Key.Key);
            foreach (var delivery in digest.Value)
            {
                if (!await grain.RecordDeliveryAsync(digest.Key.Purpose, delivery))
                {
                    logger.LogDebug("Ignored SendGrid events for evaluator digest {Digest}: no such digest.", digest.Key.Key);
                    break;
                }
            }
        });
    }

    /// <summary>An invitation grain's key: SHA-256 of the link token in lower-case hex (<see cref="InvitationToken.Hash"/>).</summary>
    private static bool IsInvitationKey([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        value is { Length: 64 } && value.All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// The event as the invitation records it, or null for a type it does not record: group_resubscribe (nothing here
    /// lifts a suppression on SendGrid's word) and types added after this code was written.
    /// </summary>
    private static DeliveryEventType? Recorded(SendGridEventType type) => type switch
    {
        SendGridEventType.Processed => DeliveryEventType.Processed,
        SendGridEventType.Delivered => DeliveryEventType.Delivered,
        SendGridEventType.Deferred => DeliveryEventType.Deferred,
        SendGridEventType.Bounce => DeliveryEventType.Bounce,
        SendGridEventType.Dropped => DeliveryEventType.Dropped,
        SendGridEventType.Open => DeliveryEventType.Open,
        SendGridEventType.Click => DeliveryEventType.Click,
        SendGridEventType.Unsubscribe => DeliveryEventType.Unsubscribe,
        SendGridEventType.GroupUnsubscribe => DeliveryEventType.GroupUnsubscribe,
        SendGridEventType.SpamReport => DeliveryEventType.SpamReport,
        _ => null,
    };
}
