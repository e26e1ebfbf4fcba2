namespace SupplierQuality.Grains.Questionnaires;

[GrainType("questionnaire-directory")]
public sealed class QuestionnaireDirectoryGrain(
    [PersistentState("questionnaires")] IPersistentState<QuestionnaireDirectoryState> state) : Grain, IQuestionnaireDirectoryGrain
{
    public async Task UpsertAsync(QuestionnaireDirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // Questionnaire grains push after each write and again on retries, so pushes can repeat or arrive late:
        // the revision decides, and an older entry never replaces a newer one.
        if (state.State.Entries.TryGetValue(entry.Id, out var current) && current.Revision >= entry.Revision)
        {
            return;
        }

        state.State.Entries[entry.Id] = entry;
        // The entry in memory may not be stored: reload from storage on the next call. The questionnaire's
        // caller sees the failure and retries, and the retry pushes the entry again.
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<QuestionnaireDirectoryEntry>> ListAsync()
    {
        var entries = state.State.Entries.Values.ToList();
        entries.Sort(QuestionnaireDirectoryEntry.ByTitle);
        return Task.FromResult<IReadOnlyList<QuestionnaireDirectoryEntry>>(entries);
    }
}
