using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Questionnaires;

[GrainType("questionnaire")]
public sealed class QuestionnaireGrain(
    [PersistentState("questionnaire")] IPersistentState<QuestionnaireState> state,
    TimeProvider time) : Grain, IQuestionnaireGrain
{
    private const string CopySuffix = " (copy)";

    public async Task<CommandResult<QuestionnaireDetails>> CreateAsync(CreateQuestionnaire command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var content = QuestionnaireInput.Normalize(command.Content);
        var errors = QuestionnaireInput.ValidateDraft(content);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid<QuestionnaireDetails>(errors);
        }

        // Ids as a new questionnaire would get them, so a retry assigns the same ones and is recognised.
        content = QuestionnaireInput.AssignIds(content, []);
        if (state.State.Revision > 0)
        {
            if (state.State.Revision == 1 && state.State.CopiedFrom == command.CopiedFrom && state.State.Versions[0].ToContent().Equals(content))
            {
                // A retry: its first attempt may have failed between the state write and the directory push.
                await PublishEntryAsync();
                return CommandResult.Ok(Details());
            }

            return CommandResult.Conflict<QuestionnaireDetails>("A questionnaire with this id already exists.", Details());
        }

        var now = time.GetUtcNow();
        var version = new QuestionnaireVersionState { Number = 1, Status = VersionStatus.Draft };
        version.Set(content);
        state.State.Versions = [version];
        state.State.CopiedFrom = command.CopiedFrom;
        state.State.Revision = 1;
        state.State.CreatedAt = now;
        state.State.UpdatedAt = now;
        await state.WriteOrDeactivateAsync(this);
        await PublishEntryAsync();
        return CommandResult.Created(Details());
    }

    public async Task<CommandResult<QuestionnaireDetails>> UpdateDraftAsync(UpdateDraft command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state.State.Revision == 0)
        {
            return CommandResult.NotFound<QuestionnaireDetails>();
        }

        var content = QuestionnaireInput.Normalize(command.Content);
        var errors = QuestionnaireInput.ValidateDraft(content);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid<QuestionnaireDetails>(errors, Details());
        }

        var draft = state.State.Draft;
        content = QuestionnaireInput.AssignIds(content, state.State.Versions.Select(v => v.ToContent()));
        if (draft is not null && draft.ToContent().Equals(content))
        {
            // Nothing to change, so nobody's change can be lost: a retried edit whose answer went missing gets
            // its success instead of a conflict against its own first attempt.
            await PublishEntryAsync();
            return CommandResult.Ok(Details());
        }

        if (command.ExpectedRevision != state.State.Revision)
        {
            return StaleRevision(command.ExpectedRevision);
        }

        if (draft is null)
        {
            draft = new QuestionnaireVersionState { Number = state.State.Versions[^1].Number + 1, Status = VersionStatus.Draft };
            state.State.Versions.Add(draft);
        }

        draft.Set(content);
        await CommitAsync();
        return CommandResult.Ok(Details());
    }

    public async Task<CommandResult<QuestionnaireDetails>> StartDraftAsync()
    {
        if (state.State.Revision == 0)
        {
            return CommandResult.NotFound<QuestionnaireDetails>();
        }

        if (state.State.Draft is null)
        {
            var latest = state.State.Versions[^1];
            var draft = new QuestionnaireVersionState { Number = latest.Number + 1, Status = VersionStatus.Draft };
            draft.Set(latest.ToContent());
            // The words are the same, so their translations are too.
            draft.Translations = latest.Translations?.ToDictionary(t => t.Key, t => new Dictionary<string, string>(t.Value, StringComparer.Ordinal), StringComparer.Ordinal);
            state.State.Versions.Add(draft);
            await CommitAsync();
        }
        else
        {
            await PublishEntryAsync();
        }

        return CommandResult.Ok(Details());
    }

    public async Task<CommandResult<QuestionnaireDetails>> PublishAsync(PublishDraft command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state.State.Revision == 0)
        {
            return CommandResult.NotFound<QuestionnaireDetails>();
        }

        if (state.State.Draft is not { } draft)
        {
            if (state.State.Versions[^1].PublishedRevision == state.State.Revision && command.ExpectedRevision == state.State.Revision - 1)
            {
                // A retry of the publish that made the latest change.
                await PublishEntryAsync();
                return CommandResult.Ok(Details());
            }

            return CommandResult.Conflict<QuestionnaireDetails>("There is no draft to publish: every version is published.", Details());
        }

        if (command.ExpectedRevision != state.State.Revision)
        {
            return StaleRevision(command.ExpectedRevision);
        }

        var errors = QuestionnaireInput.ValidateForPublish(draft.ToContent());
        if (errors.Count > 0)
        {
            return CommandResult.Invalid<QuestionnaireDetails>(errors, Details());
        }

        draft.Status = VersionStatus.Published;
        draft.PublishedAt = time.GetUtcNow();
        draft.PublishedRevision = state.State.Revision + 1;
        await CommitAsync();
        return CommandResult.Ok(Details());
    }

    public async Task<CommandResult<QuestionnaireDetails>> CopyAsync(CopyQuestionnaire command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state.State.Revision == 0)
        {
            return CommandResult.NotFound<QuestionnaireDetails>();
        }

        if (command.NewId == Guid.Empty || command.NewId == this.GetPrimaryKey())
        {
            return CommandResult.Invalid<QuestionnaireDetails>("id", "The copy needs an id of its own.");
        }

        var latest = state.State.Versions[^1];
        var title = latest.Title.Length + CopySuffix.Length <= QuestionnaireInput.MaxTitleLength
            ? latest.Title + CopySuffix
            : latest.Title[..(QuestionnaireInput.MaxTitleLength - CopySuffix.Length)].TrimEnd() + CopySuffix;
        var content = latest.ToContent() with { Title = title };

        // The copy is made by the new questionnaire's grain; it never calls back here, so there is no call cycle.
        return await GrainFactory.GetGrain<IQuestionnaireGrain>(command.NewId)
            .CreateAsync(new CreateQuestionnaire(content, new CopySource(this.GetPrimaryKey(), latest.Number)));
    }

    public Task<QuestionnaireDetails?> GetAsync() =>
        Task.FromResult(state.State.Revision == 0 ? null : Details());

    public Task<QuestionnaireVersion?> GetVersionAsync(int number) =>
        Task.FromResult(state.State.Versions.Find(v => v.Number == number)?.ToVersion());

    private CommandResult<QuestionnaireDetails> StaleRevision(int expected) =>
        CommandResult.Conflict<QuestionnaireDetails>(
            $"The questionnaire was changed by someone else (now revision {state.State.Revision}, expected {expected}).",
            Details());

    private async Task CommitAsync()
    {
        state.State.Revision++;
        state.State.UpdatedAt = time.GetUtcNow();
        await state.WriteOrDeactivateAsync(this);
        await PublishEntryAsync();
    }

    /// <summary>Brings this questionnaire's directory entry to the current revision (idempotent).</summary>
    private Task PublishEntryAsync()
    {
        var s = state.State;
        var latest = s.Versions[^1];
        return GrainFactory.QuestionnaireDirectoryGrain().UpsertAsync(new QuestionnaireDirectoryEntry(
            this.GetPrimaryKey(), latest.Title, latest.Number, latest.Status, PublishedVersion(), s.Revision, s.UpdatedAt));
    }

    public async Task<CommandResult<QuestionnaireDetails>> TranslateAsync(TranslateVersion command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var version = state.State.Versions.FirstOrDefault(v => v.Number == command.Version);
        if (state.State.Revision == 0 || version is null)
        {
            return CommandResult.NotFound<QuestionnaireDetails>();
        }

        var (texts, errors) = QuestionnaireTranslation.Normalize(version.ToVersion(), command.Language, command.Texts);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid<QuestionnaireDetails>(errors, Details());
        }

        var code = command.Language.Trim().ToLowerInvariant();
        var before = version.Translations?.GetValueOrDefault(code);
        if ((before?.Count ?? 0) == texts.Count && texts.All(t => before!.TryGetValue(t.Key, out var old) && old == t.Value))
        {
            return CommandResult.Ok(Details());
        }

        version.Translations ??= [];
        if (texts.Count == 0)
        {
            version.Translations.Remove(code);
        }
        else
        {
            version.Translations[code] = texts;
        }

        if (version.Translations.Count == 0)
        {
            version.Translations = null;
        }

        await CommitAsync();
        return CommandResult.Ok(Details());
    }

    public Task<IReadOnlyDictionary<string, string>> GetTranslationAsync(int number, string language)
    {
        var texts = state.State.Versions.FirstOrDefault(v => v.Number == number)?.Translations?.GetValueOrDefault(language?.Trim().ToLowerInvariant() ?? string.Empty);
        return Task.FromResult<IReadOnlyDictionary<string, string>>(texts is null ? new Dictionary<string, string>() : new Dictionary<string, string>(texts, StringComparer.Ordinal));
    }

    private int? PublishedVersion() =>
        state.State.Versions.LastOrDefault(v => v.Status == VersionStatus.Published)?.Number;

    private QuestionnaireDetails Details()
    {
        var s = state.State;
        var latest = s.Versions[^1];
        return new QuestionnaireDetails(
            this.GetPrimaryKey(),
            s.Revision,
            latest.Title,
            latest.Description,
            s.Versions.Select(v => v.ToSummary()).ToArray(),
            s.Draft?.Number,
            PublishedVersion(),
            s.CopiedFrom,
            s.CreatedAt,
            s.UpdatedAt);
    }
}
