using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Webhooks;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Commands;

namespace SupplierQuality.Web.Webhooks;

/// <summary>The body of <c>POST /api/webhooks</c>.</summary>
/// <param name="Events">Any of standing.changed, review.finished, campaign.closed, response.submitted.</param>
internal sealed record RegisterWebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Description);

/// <summary>
/// <c>/api/webhooks</c>: the endpoints events are posted to, for admin API keys (the same as <c>/admin/webhooks</c>).
/// Each post is signed per Standard Webhooks with the endpoint's secret, which only the registration's answer shows.
/// </summary>
internal static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/webhooks")
            .WithTags("Webhooks")
            .RequireAuthorization(Policies.ApiAdmin);

        api.MapGet("/", ListEndpoints)
            .WithName("ListWebhookEndpoints")
            .WithSummary("List webhook endpoints (admin keys only)")
            .WithDescription("Every endpoint with its events and how delivery goes: events waiting, delivered and dropped, the attempts at the oldest waiting event and the last error, and whether it was disabled after a day of failures.");

        // The guid constraint turns a malformed id into a 404 before any handler runs.
        api.MapGet("/{id:guid}", GetEndpoint)
            .WithName("GetWebhookEndpoint")
            .WithSummary("Get a webhook endpoint (admin keys only)");

        api.MapPost("/", RegisterEndpoint)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RegisterWebhookEndpoint")
            .WithSummary("Register a webhook endpoint (admin keys only)")
            .WithDescription($"url is the http or https address to post to (redirects are not followed); events lists the events wanted ({string.Join(", ", WebhookEventTypes.All)}). The answer holds the signing secret (whsec_...), shown this once: keep it to verify the webhook-signature header. Requests with the same Idempotency-Key register one endpoint and answer it with its secret again (200); without the header each call registers another. At most {WebhookInput.MaxEndpoints} endpoints.");

        api.MapPost("/{id:guid}/enable", EnableEndpoint)
            .WithName("EnableWebhookEndpoint")
            .WithSummary("Enable a webhook endpoint or retry it now (admin keys only)")
            .WithDescription("Delivers again from now: enables an endpoint disabled after a day of failures, or ends a retry's wait. With discardWaiting=true the events waiting until now are skipped, never delivered.");

        api.MapDelete("/{id:guid}", DeleteEndpoint)
            .WithName("DeleteWebhookEndpoint")
            .WithSummary("Delete a webhook endpoint (admin keys only)")
            .WithDescription("Stops deliveries for good and discards the events waiting for it.");

        return api;
    }

    public static async Task<Ok<IReadOnlyList<WebhookEndpointInfo>>> ListEndpoints(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetWebhookRegistry().ListAsync());

    public static async Task<Results<Ok<WebhookEndpointInfo>, NotFound>> GetEndpoint(IGrainFactory grains, Guid id) =>
        await grains.GetWebhookRegistry().GetAsync(id) is { } endpoint
            ? TypedResults.Ok(endpoint)
            : TypedResults.NotFound();

    public static async Task<Results<Created<WebhookEndpointCreated>, Ok<WebhookEndpointCreated>, ValidationProblem, ProblemHttpResult>> RegisterEndpoint(
        IGrainFactory grains, LinkGenerator links, HttpContext http, [FromBody] RegisterWebhookRequest body,
        [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey)
    {
        var result = await grains.GetWebhookRegistry().RegisterAsync(
            new WebhookEndpointInput(body.Url, body.Events, body.Description),
            $"API key \"{http.User.FindFirstValue(ClaimTypes.Name)}\"",
            string.IsNullOrWhiteSpace(idempotencyKey) ? null : IdempotencyKey.ToId(idempotencyKey));

        // The answer carries the secret: no cache may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return result.ToCreatedResult(
            result.Value is { } created ? links.GetPathByName(http, "GetWebhookEndpoint", new { id = created.Endpoint.Id }) : null,
            new CommandHttp<WebhookEndpointCreated>("The endpoint could not be registered.")
            {
                ConflictFromGrain = true,
                InvalidDetail = "Nothing was registered: correct the fields named in errors.",
            });
    }

    public static async Task<Results<Ok<WebhookEndpointInfo>, NotFound, ValidationProblem, ProblemHttpResult>> EnableEndpoint(
        IGrainFactory grains, Guid id, bool? discardWaiting) =>
        (await grains.GetWebhookRegistry().EnableAsync(id, discardWaiting ?? false)).ToHttpResult(new CommandHttp<WebhookEndpointInfo>("The endpoint could not be enabled."));

    public static async Task<Results<Ok<WebhookEndpointInfo>, NotFound, ValidationProblem, ProblemHttpResult>> DeleteEndpoint(IGrainFactory grains, Guid id) =>
        (await grains.GetWebhookRegistry().DeleteAsync(id)).ToHttpResult(new CommandHttp<WebhookEndpointInfo>("The endpoint could not be deleted."));
}
