namespace SupplierQuality.Grains.Questionnaires;

/// <summary>
/// The list of all questionnaires (key 0). A company keeps tens of questionnaires, not thousands, so one grain
/// holds them all; its state grows with the number of questionnaires only. Questionnaire grains keep it current;
/// it never calls them, so there is no call cycle.
/// </summary>
[Alias("SupplierQuality.Questionnaires.IQuestionnaireDirectoryGrain")]
public interface IQuestionnaireDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the entry unless the directory already holds this questionnaire at the same or a later revision.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(QuestionnaireDirectoryEntry entry);

    /// <summary>Every questionnaire in title order.</summary>
    [Alias("List")]
    Task<IReadOnlyList<QuestionnaireDirectoryEntry>> ListAsync();
}

public static class QuestionnaireDirectory
{
    public static IQuestionnaireDirectoryGrain QuestionnaireDirectoryGrain(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IQuestionnaireDirectoryGrain>(0);
    }

    public static Task<IReadOnlyList<QuestionnaireDirectoryEntry>> ListQuestionnairesAsync(this IGrainFactory grains) =>
        grains.QuestionnaireDirectoryGrain().ListAsync();
}
