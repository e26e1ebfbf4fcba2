namespace SupplierQuality.Grains.Scorecards;

[GrainType("scorecard-settings")]
public sealed class ScorecardSettingsGrain(
    [PersistentState("scorecardsettings")] IPersistentState<ScorecardSettingsState> state,
    TimeProvider time) : Grain, IScorecardSettingsGrain
{
    private static readonly ScorecardSettingsVersion Defaults = new(0, ScorecardSettings.Default, "defaults", DateTimeOffset.UnixEpoch);

    private ScorecardSettingsVersion Current => state.State.Versions.Count > 0 ? state.State.Versions[^1] : Defaults;

    public Task<ScorecardSettingsVersion> GetAsync() => Task.FromResult(Current);

    public Task<IReadOnlyList<ScorecardSettingsVersion>> HistoryAsync() =>
        Task.FromResult<IReadOnlyList<ScorecardSettingsVersion>>([.. Enumerable.Reverse(state.State.Versions)]);

    public async Task<ScorecardSettingsResult> SaveAsync(ScorecardSettings settings, int expectedVersion, string changedBy)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings == Current.Settings)
        {
            return new ScorecardSettingsResult(Current, new Dictionary<string, string[]>());
        }

        var errors = settings.Validate();
        if (expectedVersion != Current.Version)
        {
            errors["version"] = [$"Someone saved version {Current.Version} since you opened these settings: reload them and try again."];
        }

        if (errors.Count > 0)
        {
            return new ScorecardSettingsResult(null, errors);
        }

        var saved = new ScorecardSettingsVersion(Current.Version + 1, settings, changedBy, time.GetUtcNow());
        state.State.Versions.Add(saved);
        await state.WriteOrDeactivateAsync(this);
        return new ScorecardSettingsResult(saved, new Dictionary<string, string[]>());
    }
}
