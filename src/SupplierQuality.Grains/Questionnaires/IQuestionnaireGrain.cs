using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Questionnaires;

/// <summary>
/// One questionnaire and all its versions, keyed by a random id. State grows with the number of versions only.
/// </summary>
[Alias("SupplierQuality.Questionnaires.IQuestionnaireGrain")]
public interface IQuestionnaireGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Creates the questionnaire with a draft version 1: <see cref="CommandOutcome.Created"/> the first time,
    /// <see cref="CommandOutcome.Ok"/> for the same command again while nothing else happened,
    /// <see cref="CommandOutcome.Conflict"/> otherwise.
    /// </summary>
    [Alias("Create")]
    Task<CommandResult<QuestionnaireDetails>> CreateAsync(CreateQuestionnaire command);

    /// <summary>
    /// Replaces the draft (or starts the next version as a draft with this content). Stale revision:
    /// <see cref="CommandOutcome.Conflict"/>, unless the draft already is exactly this content.
    /// </summary>
    [Alias("UpdateDraft")]
    Task<CommandResult<QuestionnaireDetails>> UpdateDraftAsync(UpdateDraft command);

    /// <summary>
    /// Makes sure there is a draft: if the latest version is published, the next version starts as a copy of it.
    /// Changes nothing when there already is a draft.
    /// </summary>
    [Alias("StartDraft")]
    Task<CommandResult<QuestionnaireDetails>> StartDraftAsync();

    /// <summary>
    /// Publishes the draft after checking it meets <see cref="QuestionnaireInput.ValidateForPublish"/>. A retry of
    /// a publish that already happened answers <see cref="CommandOutcome.Ok"/>.
    /// </summary>
    [Alias("Publish")]
    Task<CommandResult<QuestionnaireDetails>> PublishAsync(PublishDraft command);

    /// <summary>Copies this questionnaire's latest version into a new questionnaire; the result is the copy's.</summary>
    [Alias("Copy")]
    Task<CommandResult<QuestionnaireDetails>> CopyAsync(CopyQuestionnaire command);

    /// <summary>
    /// Sets a version's translation into one language (<see cref="TranslateVersion"/>): <see cref="CommandOutcome.Ok"/>
    /// (also when nothing changed), <see cref="CommandOutcome.NotFound"/> for no such questionnaire or version,
    /// <see cref="CommandOutcome.Invalid"/> with errors by text key, nothing written.
    /// </summary>
    [Alias("Translate")]
    Task<CommandResult<QuestionnaireDetails>> TranslateAsync(TranslateVersion command);

    /// <summary>A version's translation into a language, by text key; empty for none (and for no such version).</summary>
    [Alias("GetTranslation")]
    Task<IReadOnlyDictionary<string, string>> GetTranslationAsync(int number, string language);

    /// <summary>The questionnaire, or null if it was never created.</summary>
    [Alias("Get")]
    Task<QuestionnaireDetails?> GetAsync();

    /// <summary>One version with its questions, or null if there is no such version.</summary>
    [Alias("GetVersion")]
    Task<QuestionnaireVersion?> GetVersionAsync(int number);
}
