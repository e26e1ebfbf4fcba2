using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Commands;

namespace SupplierQuality.Web.Campaigns;

/// <summary>
/// <c>/api/campaigns</c>: survey campaigns for integrations. API keys only (see <see cref="Policies"/>); any key
/// reads, quality-manager and admin keys create, launch and steer campaigns. A command that does not fit the
/// campaign's state (launching a cancelled campaign) is 409 with the reason; a bad value is 400 with field errors.
/// </summary>
internal static class CampaignsApi
{
    public const int DefaultSupplierPageSize = 50;
    public const int MaxSupplierPageSize = 500;

    /// <summary>
    /// For the invitation lines, whose enums (status, delivery, kind) carry no JSON converter of their own: by name,
    /// like every other enum in this API, not by number.
    /// </summary>
    private static readonly JsonSerializerOptions EnumsByName = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static RouteGroupBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns")
            .WithTags("Campaigns")
            .RequireAuthorization(Policies.ApiRead);

        api.MapGet("/", ListCampaigns)
            .WithName("ListCampaigns")
            .WithSummary("List campaigns")
            .WithDescription("Every campaign, newest first, with its status and deadline.");

        // The guid constraint turns a malformed id into a 404 before any handler runs.
        api.MapGet("/{id:guid}", GetCampaign)
            .WithName("GetCampaign")
            .WithSummary("Get a campaign")
            .WithDescription("The definition, status, what it is doing now (work), the last mail problem and the counters summed over its suppliers.");

        api.MapGet("/{id:guid}/suppliers", ListCampaignSuppliers)
            .WithName("ListCampaignSuppliers")
            .WithSummary("List a campaign's suppliers with their progress")
            .WithDescription($"In launch order; nonResponders=true keeps those without a response. skip and take page (take at most {MaxSupplierPageSize}, default {DefaultSupplierPageSize}).");

        api.MapGet("/{id:guid}/suppliers/{supplierId:guid}", GetCampaignSupplier)
            .Produces<SupplierCampaignDetails>()
            .WithName("GetCampaignSupplier")
            .WithSummary("Get one supplier's invitations and aggregate in a campaign")
            .WithDescription("404 until the campaign has reached the supplier.");

        api.MapPost("/", CreateCampaign)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateCampaign")
            .WithSummary("Create a campaign as a draft")
            .WithDescription("Nothing is sent until it is launched. Send your own id to make a retry safe: the same body again answers 200, another body 409.");

        api.MapPut("/{id:guid}", UpdateCampaign)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("UpdateCampaign")
            .WithSummary("Replace a draft's definition")
            .WithDescription("409 once the campaign is launched: then extend its deadline or add suppliers instead.");

        api.MapPost("/{id:guid}/launch", Launch)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("LaunchCampaign")
            .WithSummary("Launch a draft")
            .WithDescription("Checks the definition again and starts sending, now or at the opening time. Launching a launched campaign again changes nothing.");

        api.MapPost("/{id:guid}/close", Close)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CloseCampaign")
            .WithSummary("Close before the deadline")
            .WithDescription("The forms become read-only; the answers so far count.");

        api.MapPost("/{id:guid}/remind", RemindNow)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RemindCampaignNow")
            .WithSummary("Remind everyone who has not answered, now")
            .WithDescription(
                "While open, at most five times per campaign, with an optional personal line (up to 500 characters) above the intro. " +
                "Requests with the same Idempotency-Key send one reminder; without it every request is a new one.");

        api.MapPost("/{id:guid}/cancel", Cancel)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CancelCampaign")
            .WithSummary("Call a campaign off")
            .WithDescription("Nothing more is sent and the forms become read-only.");

        api.MapPost("/{id:guid}/deadline", ExtendDeadline)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ExtendCampaignDeadline")
            .WithSummary("Move the deadline later")
            .WithDescription("For the campaign and every invitation; at least an hour from now and within a year of opening.");

        api.MapPost("/{id:guid}/suppliers", AddSuppliers)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("AddCampaignSuppliers")
            .WithSummary("Add suppliers to a scheduled or open campaign")
            .WithDescription("They are invited like the rest; suppliers the campaign already asks are skipped.");

        api.MapPost("/{id:guid}/suppliers/{supplierId:guid}/invitations/{invitationKey}/resend", Resend)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Produces<SupplierCampaignDetails>()
            .WithName("ResendCampaignInvitation")
            .WithSummary("Send one invitation's email again")
            .WithDescription(
                "While the campaign is open. Answers the supplier's invitations, where the resend shows as waiting until it is sent. " +
                "Requests with the same Idempotency-Key send one email; without it every request is a new resend. Someone who " +
                "has answered gets nothing unless evenIfAnswered=true; a suppressed address (unsubscribed, bounced) never does (409).");

        return api;
    }

    public static async Task<Ok<CampaignList>> ListCampaigns(IGrainFactory grains) =>
        TypedResults.Ok(new CampaignList(await grains.GetGrain<ICampaignDirectoryGrain>(0).ListAsync()));

    public static async Task<Results<Ok<CampaignDetails>, NotFound>> GetCampaign(IGrainFactory grains, Guid id) =>
        await grains.GetGrain<ICampaignGrain>(id).GetAsync() is { } campaign
            ? TypedResults.Ok(campaign)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<SupplierProgressPage>, NotFound, ValidationProblem>> ListCampaignSuppliers(
        IGrainFactory grains, Guid id, bool? nonResponders, int? skip, int? take)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (skip < 0)
        {
            errors["skip"] = ["Skip must be 0 or more."];
        }

        if (take is < 1 or > MaxSupplierPageSize)
        {
            errors["take"] = [$"Take must be between 1 and {MaxSupplierPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var campaign = grains.GetGrain<ICampaignGrain>(id);
        if (await campaign.GetAsync() is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await campaign.GetSuppliersAsync(nonResponders ?? false, skip ?? 0, take ?? DefaultSupplierPageSize));
    }

    public static async Task<Results<JsonHttpResult<SupplierCampaignDetails>, NotFound>> GetCampaignSupplier(
        IGrainFactory grains, Guid id, Guid supplierId) =>
        await grains.GetSupplierCampaign(id, supplierId).GetAsync() is { } supplier
            ? TypedResults.Json(supplier, EnumsByName)
            : TypedResults.NotFound();

    public static async Task<Results<Created<CampaignDetails>, Ok<CampaignDetails>, ValidationProblem, ProblemHttpResult>> CreateCampaign(
        IGrainFactory grains, TimeProvider time, LinkGenerator links, HttpContext http,
        [FromBody] CampaignRequest body)
    {
        var (definition, errors) = await CampaignRequestMapping.ToDefinitionAsync(grains, body, time.GetUtcNow());
        if (body.Id == Guid.Empty)
        {
            errors["id"] = ["Leave the id out or send one that is not all zeros."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var id = body.Id ?? Guid.NewGuid();
        var result = await grains.GetGrain<ICampaignGrain>(id).CreateAsync(definition);
        return result.ToCreatedResult(
            links.GetPathByName(http, "GetCampaign", new { id }),
            Answers("A campaign with this id already exists with other details."));
    }

    public static async Task<Results<Ok<CampaignDetails>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateCampaign(
        IGrainFactory grains, TimeProvider time, Guid id, [FromBody] CampaignRequest body)
    {
        var (definition, errors) = await CampaignRequestMapping.ToDefinitionAsync(grains, body, time.GetUtcNow());
        if (body.Id is { } bodyId && bodyId != id)
        {
            errors["id"] = ["Leave the id out or send the campaign's own."];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : await CommandAsync(grains, id, c => c.UpdateAsync(definition));
    }

    public static Task<Results<Ok<CampaignDetails>, NotFound, ValidationProblem, ProblemHttpResult>> Launch(IGrainFactory grains, Guid id) =>
        CommandAsync(grains, id, c => c.LaunchAsync(), "The campaign cannot be launched as it is.");

    public static Task<Results<Ok<CampaignDetails>, NotFound, ValidationProblem, ProblemHttpResult>> Close(IGrainFactory grains, Guid id) =>
        CommandAsync(grains, id, c => c.CloseAsync());

    public static Task<Results<Ok<CampaignDetails>, NotFound, ValidationProblem, ProblemHttpResult>> Cancel(IGrainFactory grains, Guid id) =>
        CommandAsync(grains, id, c => c.CancelAsync());

    public static Task<Results<Ok<CampaignDetails>, NotFound, ValidationProblem, ProblemHttpResult>> RemindNow(
        IGrainFactory grains, Guid id, [FromBody] RemindRequest? body, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey) =>
        CommandAsync(grains, id, c => c.RemindNowAsync(IdempotencyKey.ToId(idempotencyKey), body?.Line));

    public static async Task<Results<Ok<CampaignDetails>, NotFound, ValidationProblem, ProblemHttpResult>> ExtendDeadline(
        IGrainFactory grains, Guid id, [FromBody] DeadlineRequest body)
    {
        if (body.Deadline is not { } deadline)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["deadline"] = ["Send the new deadline: an ISO 8601 time with an offset, such as 2026-03-31T17:00:00Z."],
            });
        }

        return await CommandAsync(grains, id, c => c.ExtendDeadlineAsync(deadline));
    }

    public static async Task<Results<Ok<CampaignDetails>, NotFound, ValidationProblem, ProblemHttpResult>> AddSuppliers(
        IGrainFactory grains, Guid id, [FromBody] AddSuppliersRequest body)
    {
        var ids = body.SupplierIds ?? [];
        var problem = ids.Count == 0 ? "Send the ids of the suppliers to add."
            : await CampaignSuppliers.UnknownAsync(grains, [.. ids]) is { Count: > 0 } unknown ? CampaignSuppliers.Describe(unknown)
            : null;
        if (problem is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["supplierIds"] = [problem] });
        }

        // The grain names the field "suppliers"; this body calls it supplierIds.
        var result = await grains.GetGrain<ICampaignGrain>(id).AddSuppliersAsync(ids);
        return result.ToHttpResult(Answers() with { FieldNames = new Dictionary<string, string> { ["suppliers"] = "supplierIds" } });
    }

    public static async Task<Results<JsonHttpResult<SupplierCampaignDetails>, NotFound, ValidationProblem, ProblemHttpResult>> Resend(
        IGrainFactory grains, Guid id, Guid supplierId, string invitationKey, bool? evenIfAnswered,
        [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey)
    {
        var request = new ResendRequest(invitationKey, IdempotencyKey.ToId(idempotencyKey), evenIfAnswered ?? false);
        var result = await grains.GetGrain<ICampaignGrain>(id).ResendAsync(supplierId, request);
        return result.ToJsonResult(EnumsByName, new CommandHttp<SupplierCampaignDetails>("The invitation cannot be sent again now.") { ConflictFromGrain = true });
    }

    /// <summary>Runs a command; it answers the campaign as the command left it, so nothing is read again.</summary>
    private static async Task<Results<Ok<CampaignDetails>, NotFound, ValidationProblem, ProblemHttpResult>> CommandAsync(
        IGrainFactory grains, Guid id, Func<ICampaignGrain, Task<CommandResult<CampaignDetails>>> command, string? invalidDetail = null) =>
        (await command(grains.GetGrain<ICampaignGrain>(id))).ToHttpResult(Answers() with { InvalidDetail = invalidDetail });

    /// <summary>A 409 gives the grain's reason, which says what state the campaign is in.</summary>
    private static CommandHttp<CampaignDetails> Answers(string conflict = "The command does not fit the campaign's state.") =>
        new(conflict) { ConflictFromGrain = true };
}
