using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Web.Commands;

/// <summary>What an endpoint says about its command's failures, beyond the status codes every command shares.</summary>
/// <param name="Conflict">The 409's detail.</param>
internal sealed record CommandHttp<T>(string Conflict)
    where T : class
{
    /// <summary>The grain's reason, when it gives one, rather than <see cref="Conflict"/>: it says what state the entity is in.</summary>
    public bool ConflictFromGrain { get; init; }

    /// <summary>The 409's extensions, from the current entity (which a conflict may lack): which one and which version the caller ran into.</summary>
    public Func<T?, Dictionary<string, object?>>? ConflictExtensions { get; init; }

    /// <summary>The 400's detail.</summary>
    public string? InvalidDetail { get; init; }

    /// <summary>Field keys the grain names otherwise than the request body does, grain key to body key.</summary>
    public IReadOnlyDictionary<string, string>? FieldNames { get; init; }
}

/// <summary>
/// A command's result as the HTTP answer the APIs give: 201 with a Location or 200 with the entity, 404, 400 with the
/// field errors, 409 as problem details. The overloads differ only in which answers an endpoint can give, which its
/// typed result (and so the OpenAPI document) lists.
/// </summary>
internal static class CommandResults
{
    /// <summary>For a command on an entity that may not exist.</summary>
    public static Results<Ok<T>, NotFound, ValidationProblem, ProblemHttpResult> ToHttpResult<T>(
        this CommandResult<T> result, CommandHttp<T> how)
        where T : class =>
        Answer<T, Results<Ok<T>, NotFound, ValidationProblem, ProblemHttpResult>>(
            result, how, value => TypedResults.Ok(value), value => TypedResults.Ok(value), notFound => notFound, invalid => invalid, conflict => conflict);

    /// <summary>Like <see cref="ToHttpResult{T}"/>, with the entity written with <paramref name="json"/>.</summary>
    public static Results<JsonHttpResult<T>, NotFound, ValidationProblem, ProblemHttpResult> ToJsonResult<T>(
        this CommandResult<T> result, JsonSerializerOptions json, CommandHttp<T> how)
        where T : class =>
        Answer<T, Results<JsonHttpResult<T>, NotFound, ValidationProblem, ProblemHttpResult>>(
            result, how, value => TypedResults.Json(value, json), value => TypedResults.Json(value, json), notFound => notFound, invalid => invalid, conflict => conflict);

    /// <summary>For a create: 201 at <paramref name="location"/> the first time, 200 for the same create again.</summary>
    public static Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult> ToCreatedResult<T>(
        this CommandResult<T> result, string? location, CommandHttp<T> how)
        where T : class =>
        Answer<T, Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult>>(
            result, how, value => TypedResults.Created(location, value), value => TypedResults.Ok(value),
            _ => throw new UnreachableException("A create answered not found."), invalid => invalid, conflict => conflict);

    /// <summary>For a create from an entity that may not exist, such as a copy.</summary>
    public static Results<Created<T>, Ok<T>, NotFound, ValidationProblem, ProblemHttpResult> ToCreatedOrNotFoundResult<T>(
        this CommandResult<T> result, string? location, CommandHttp<T> how)
        where T : class =>
        Answer<T, Results<Created<T>, Ok<T>, NotFound, ValidationProblem, ProblemHttpResult>>(
            result, how, value => TypedResults.Created(location, value), value => TypedResults.Ok(value), notFound => notFound, invalid => invalid, conflict => conflict);

    /// <summary>The one mapping from outcome to answer; the overloads only say how each answer enters their typed result.</summary>
    private static TResult Answer<T, TResult>(
        CommandResult<T> result,
        CommandHttp<T> how,
        Func<T, TResult> created,
        Func<T, TResult> ok,
        Func<NotFound, TResult> notFound,
        Func<ValidationProblem, TResult> invalid,
        Func<ProblemHttpResult, TResult> conflict)
        where T : class =>
        result.Outcome switch
        {
            CommandOutcome.Created => created(result.Value!),
            CommandOutcome.Ok => ok(result.Value!),
            CommandOutcome.NotFound => notFound(TypedResults.NotFound()),
            CommandOutcome.Invalid => invalid(TypedResults.ValidationProblem(FieldErrors(result.Errors, how.FieldNames), detail: how.InvalidDetail)),
            CommandOutcome.Conflict => conflict(TypedResults.Problem(
                how.ConflictFromGrain ? result.Message ?? how.Conflict : how.Conflict,
                statusCode: StatusCodes.Status409Conflict,
                title: "Conflict",
                extensions: how.ConflictExtensions?.Invoke(result.Value))),
            _ => throw new UnreachableException($"The command answered {result.Outcome}."),
        };

    private static IReadOnlyDictionary<string, string[]> FieldErrors(IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string>? names) =>
        names is null ? errors : errors.ToDictionary(e => names.GetValueOrDefault(e.Key, e.Key), e => e.Value, StringComparer.Ordinal);
}
