namespace SupplierQuality.Grains.Questionnaires;

/// <summary>
/// Creates the questionnaire with <paramref name="Content"/> as the draft of version 1. Sending the same command
/// again changes nothing. <paramref name="CopiedFrom"/> is set when the questionnaire is a copy.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.CreateQuestionnaire")]
public sealed record CreateQuestionnaire(
    [property: Id(0)] QuestionnaireContent Content,
    [property: Id(1)] CopySource? CopiedFrom = null);

/// <summary>
/// Replaces the draft's content if the questionnaire is still at <paramref name="ExpectedRevision"/>. Without a
/// draft, this starts one: the next version, with this content.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.UpdateDraft")]
public sealed record UpdateDraft(
    [property: Id(0)] int ExpectedRevision,
    [property: Id(1)] QuestionnaireContent Content);

/// <summary>Publishes the draft if the questionnaire is still at <paramref name="ExpectedRevision"/>, so what is published is what was seen.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.PublishDraft")]
public sealed record PublishDraft([property: Id(0)] int ExpectedRevision);

/// <summary>
/// Replaces version <paramref name="Version"/>'s translation into <paramref name="Language"/> with
/// <paramref name="Texts"/> (by key, see <see cref="QuestionnaireTranslation"/>; blank texts are left out, and none at
/// all removes the translation). Allowed on drafts and published versions alike: it changes words only.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.TranslateVersion")]
public sealed record TranslateVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] string Language,
    [property: Id(2)] IReadOnlyDictionary<string, string> Texts);

/// <summary>
/// Copies the latest version (draft or published) into a new questionnaire at <paramref name="NewId"/>, as its
/// draft of version 1. The caller picks the id, so a retried copy finds the copy it made before.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.CopyQuestionnaire")]
public sealed record CopyQuestionnaire([property: Id(0)] Guid NewId);
