namespace SupplierQuality.Grains.Commands;

/// <summary>How a command ended. The same five for every grain that takes commands.</summary>
[GenerateSerializer, Alias("SupplierQuality.Commands.CommandOutcome")]
public enum CommandOutcome
{
    /// <summary>The command created the entity.</summary>
    Created,

    /// <summary>The command succeeded, or had already: the entity is as asked.</summary>
    Ok,

    NotFound,

    /// <summary>
    /// The command does not fit the entity: it exists with other content, moved past the version the caller read, or is
    /// in a state that refuses the command. Nothing was written; <see cref="CommandResult{T}.Message"/> says why.
    /// </summary>
    Conflict,

    /// <summary>The input breaks a rule; see <see cref="CommandResult{T}.Errors"/>. Nothing was written.</summary>
    Invalid,
}

/// <summary>
/// The answer to a command. Expected outcomes are values, not exceptions. On success <see cref="Value"/> is the entity
/// as the command left it, so the caller does not read it again; a conflict or invalid input carries it too where
/// the grain has it, so the caller can show or merge it.
/// </summary>
/// <param name="Errors">Messages by field key ("name", "contacts[0].email"); empty unless invalid.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Commands.CommandResult`1")]
public sealed record CommandResult<T>(
    [property: Id(0)] CommandOutcome Outcome,
    [property: Id(1)] T? Value,
    [property: Id(2)] IReadOnlyDictionary<string, string[]> Errors,
    [property: Id(3)] string? Message)
    where T : class
{
    public bool Succeeded => Outcome is CommandOutcome.Created or CommandOutcome.Ok;
}

/// <summary>The ways to answer a command; the entity's type comes from the value or is named.</summary>
public static class CommandResult
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    public static CommandResult<T> Created<T>(T value)
        where T : class => new(CommandOutcome.Created, value, NoErrors, null);

    /// <param name="message">What the command did, in words, where success has more than one shape.</param>
    public static CommandResult<T> Ok<T>(T value, string? message = null)
        where T : class => new(CommandOutcome.Ok, value, NoErrors, message);

    public static CommandResult<T> NotFound<T>(string? message = null)
        where T : class => new(CommandOutcome.NotFound, null, NoErrors, message);

    /// <summary>A conflict carries the current entity when the grain has it, so the caller can show or merge it.</summary>
    public static CommandResult<T> Conflict<T>(string message, T? current = null)
        where T : class => new(CommandOutcome.Conflict, current, NoErrors, message);

    public static CommandResult<T> Invalid<T>(IReadOnlyDictionary<string, string[]> errors, T? current = null)
        where T : class => new(CommandOutcome.Invalid, current, errors, null);

    /// <summary>One field's problem, for the commands that check a single value themselves.</summary>
    public static CommandResult<T> Invalid<T>(string key, string message)
        where T : class => Invalid<T>(new Dictionary<string, string[]>(StringComparer.Ordinal) { [key] = [message] });
}
