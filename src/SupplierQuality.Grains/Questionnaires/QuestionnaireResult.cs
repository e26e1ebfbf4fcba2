namespace SupplierQuality.Grains.Questionnaires;

[GenerateSerializer, Alias("SupplierQuality.Questionnaires.QuestionnaireOutcome")]
public enum QuestionnaireOutcome
{
    /// <summary>The command created the questionnaire.</summary>
    Created,

    /// <summary>The command succeeded, or had already: the questionnaire is as asked.</summary>
    Ok,

    NotFound,

    /// <summary>
    /// The questionnaire moved past the expected revision, exists with other content (create), or has no draft to
    /// publish. Nothing was written.
    /// </summary>
    Conflict,

    /// <summary>The input breaks a rule; see <see cref="QuestionnaireResult.Errors"/>. Nothing was written.</summary>
    Invalid,
}

/// <summary>The answer to a questionnaire command. Expected outcomes are values, not exceptions.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.QuestionnaireResult")]
public sealed record QuestionnaireResult(
    [property: Id(0)] QuestionnaireOutcome Outcome,
    [property: Id(1)] QuestionnaireDetails? Questionnaire,
    [property: Id(2)] IReadOnlyDictionary<string, string[]> Errors,
    [property: Id(3)] string? Message)
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    public static QuestionnaireResult Created(QuestionnaireDetails questionnaire) => new(QuestionnaireOutcome.Created, questionnaire, NoErrors, null);

    public static QuestionnaireResult Ok(QuestionnaireDetails questionnaire) => new(QuestionnaireOutcome.Ok, questionnaire, NoErrors, null);

    public static QuestionnaireResult NotFound() => new(QuestionnaireOutcome.NotFound, null, NoErrors, null);

    /// <summary>A conflict carries the current questionnaire, so the caller can show it.</summary>
    public static QuestionnaireResult Conflict(QuestionnaireDetails current, string message) =>
        new(QuestionnaireOutcome.Conflict, current, NoErrors, message);

    /// <summary>Invalid input; the current questionnaire comes along when there is one.</summary>
    public static QuestionnaireResult Invalid(IReadOnlyDictionary<string, string[]> errors, QuestionnaireDetails? current = null) =>
        new(QuestionnaireOutcome.Invalid, current, errors, null);
}
