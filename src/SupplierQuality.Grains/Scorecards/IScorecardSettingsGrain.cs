namespace SupplierQuality.Grains.Scorecards;

/// <summary>The installation's scorecard settings (key 0), versioned; every version is kept with who saved it when.</summary>
[Alias("SupplierQuality.Scorecards.IScorecardSettingsGrain")]
public interface IScorecardSettingsGrain : IGrainWithIntegerKey
{
    /// <summary>The current version; version 0 is the defaults, before anyone saved.</summary>
    [Alias("Get")]
    Task<ScorecardSettingsVersion> GetAsync();

    /// <summary>Newest first.</summary>
    [Alias("History")]
    Task<IReadOnlyList<ScorecardSettingsVersion>> HistoryAsync();

    /// <summary>
    /// Saves a new version when <paramref name="expectedVersion"/> is the current one and the settings are valid;
    /// saving the settings already current writes nothing and returns the current version.
    /// </summary>
    [Alias("Save")]
    Task<ScorecardSettingsResult> SaveAsync(ScorecardSettings settings, int expectedVersion, string changedBy);
}

public static class ScorecardSettingsGrains
{
    public static IScorecardSettingsGrain GetScorecardSettings(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IScorecardSettingsGrain>(0);
    }
}
