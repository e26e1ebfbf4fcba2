using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Commands;

namespace SupplierQuality.Web.Questionnaires;

/// <summary>
/// <c>/api/questionnaires</c>: questionnaires and their versions. API keys only (see <see cref="Policies"/>); any
/// key reads, quality-manager and admin keys write. Changes name the revision they were based on and answer 409
/// when someone changed the questionnaire since.
/// </summary>
internal static class QuestionnairesApi
{
    public static RouteGroupBuilder MapQuestionnairesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/questionnaires")
            .WithTags("Questionnaires")
            .RequireAuthorization(Policies.ApiRead);

        api.MapGet("/", ListQuestionnaires)
            .WithName("ListQuestionnaires")
            .WithSummary("List questionnaires")
            .WithDescription("Every questionnaire in title order with its latest version, that version's status and the latest published version.");

        // The guid constraint turns a malformed id into a 404 before any handler runs.
        api.MapGet("/{id:guid}", GetQuestionnaire)
            .WithName("GetQuestionnaire")
            .WithSummary("Get a questionnaire")
            .WithDescription("The questionnaire's revision and its versions; read a version's questions at /versions/{number}.");

        api.MapGet("/{id:guid}/versions/{number:int}", GetVersion)
            .WithName("GetQuestionnaireVersion")
            .WithSummary("Get one version with its dimensions and questions");

        api.MapPost("/", CreateQuestionnaire)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateQuestionnaire")
            .WithSummary("Create a questionnaire")
            .WithDescription("Creates the questionnaire with the body as the draft of version 1. Send your own id to make a retry safe: the same body again answers 200, another body 409.");

        api.MapPut("/{id:guid}/draft", UpdateDraft)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("UpdateQuestionnaireDraft")
            .WithSummary("Replace the draft")
            .WithDescription("Replaces the draft's title, description, dimensions and questions; if every version is published, this starts the next version as a draft. Send the revision you read: if the questionnaire changed since, the answer is 409 with the current revision. Settings a question's kind does not use are ignored.");

        api.MapPost("/{id:guid}/publish", Publish)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("PublishQuestionnaire")
            .WithSummary("Publish the draft")
            .WithDescription("Publishes the draft seen at the given revision. A published version never changes. 400 lists what the draft still lacks; 409 when it changed since or there is no draft.");

        api.MapPost("/{id:guid}/copy", Copy)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CopyQuestionnaire")
            .WithSummary("Copy a questionnaire")
            .WithDescription("Creates a new questionnaire whose draft of version 1 is this one's latest version. Send an id for the copy to make a retry safe.");

        return api;
    }

    public static async Task<Ok<QuestionnaireList>> ListQuestionnaires(IGrainFactory grains) =>
        TypedResults.Ok(new QuestionnaireList(await grains.ListQuestionnairesAsync()));

    public static async Task<Results<Ok<QuestionnaireDetails>, NotFound>> GetQuestionnaire(IGrainFactory grains, Guid id) =>
        await grains.GetGrain<IQuestionnaireGrain>(id).GetAsync() is { } questionnaire
            ? TypedResults.Ok(questionnaire)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<QuestionnaireVersion>, NotFound>> GetVersion(IGrainFactory grains, Guid id, int number) =>
        await grains.GetGrain<IQuestionnaireGrain>(id).GetVersionAsync(number) is { } version
            ? TypedResults.Ok(version)
            : TypedResults.NotFound();

    public static async Task<Results<Created<QuestionnaireDetails>, Ok<QuestionnaireDetails>, ValidationProblem, ProblemHttpResult>> CreateQuestionnaire(
        IGrainFactory grains, LinkGenerator links, HttpContext http, [FromBody] CreateQuestionnaireRequest body)
    {
        var (content, errors) = QuestionnaireRequestMapping.ToContent(body.Title, body.Description, body.Dimensions, body.Questions);
        if (body.Id == Guid.Empty)
        {
            errors["id"] = ["Leave the id out or send one that is not all zeros."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var id = body.Id ?? Guid.NewGuid();
        var result = await grains.GetGrain<IQuestionnaireGrain>(id).CreateAsync(new CreateQuestionnaire(content));
        return result.ToCreatedResult(
            links.GetPathByName(http, "GetQuestionnaire", new { id }),
            Answers("A questionnaire with this id already exists with other content. Change its draft with PUT instead."));
    }

    public static async Task<Results<Ok<QuestionnaireDetails>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateDraft(
        IGrainFactory grains, Guid id, [FromBody] UpdateDraftRequest body)
    {
        var (content, errors) = QuestionnaireRequestMapping.ToContent(body.Title, body.Description, body.Dimensions, body.Questions);
        if (body.Revision is null)
        {
            errors["revision"] = ["Send the revision of the questionnaire you read, so changes made since are not overwritten."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await grains.GetGrain<IQuestionnaireGrain>(id).UpdateDraftAsync(new UpdateDraft(body.Revision!.Value, content));
        return result.ToHttpResult(Answers("The questionnaire was changed since you read it. Read it again and reapply your change."));
    }

    public static async Task<Results<Ok<QuestionnaireDetails>, NotFound, ValidationProblem, ProblemHttpResult>> Publish(
        IGrainFactory grains, Guid id, [FromBody] PublishRequest body)
    {
        if (body.Revision is not { } revision)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["revision"] = ["Send the revision of the questionnaire you read, so you publish the draft you saw."],
            });
        }

        var result = await grains.GetGrain<IQuestionnaireGrain>(id).PublishAsync(new PublishDraft(revision));
        return result.ToHttpResult(Answers("The questionnaire was changed since you read it.") with
        {
            ConflictFromGrain = true,
            InvalidDetail = "The draft cannot be published yet.",
        });
    }

    public static async Task<Results<Created<QuestionnaireDetails>, Ok<QuestionnaireDetails>, NotFound, ValidationProblem, ProblemHttpResult>> Copy(
        IGrainFactory grains, LinkGenerator links, HttpContext http, Guid id,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CopyRequest? body)
    {
        if (body?.Id == Guid.Empty)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["id"] = ["Leave the id out or send one that is not all zeros."],
            });
        }

        var copyId = body?.Id ?? Guid.NewGuid();
        var result = await grains.GetGrain<IQuestionnaireGrain>(id).CopyAsync(new CopyQuestionnaire(copyId));
        return result.ToCreatedOrNotFoundResult(
            links.GetPathByName(http, "GetQuestionnaire", new { id = copyId }),
            Answers("A questionnaire with the copy's id already exists with other content."));
    }

    /// <summary>A 409 tells the caller which questionnaire and revision it ran into.</summary>
    private static CommandHttp<QuestionnaireDetails> Answers(string conflict) => new(conflict)
    {
        ConflictExtensions = current => new() { ["questionnaireId"] = current?.Id, ["currentRevision"] = current?.Revision },
    };
}
