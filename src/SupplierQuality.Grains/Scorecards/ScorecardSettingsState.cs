namespace SupplierQuality.Grains.Scorecards;

[GenerateSerializer, Alias("SupplierQuality.Scorecards.ScorecardSettingsState")]
public sealed class ScorecardSettingsState
{
    /// <summary>Every saved version, oldest first. Grows only when a person saves settings.</summary>
    [Id(0)]
    public List<ScorecardSettingsVersion> Versions { get; set; } = [];
}
