namespace SupplierQuality.Grains.Webhooks;

[GenerateSerializer, Alias("SupplierQuality.Webhooks.SupplierStandingState")]
public sealed class SupplierStandingState
{
    [Id(0)]
    public List<StandingEntry> Entries { get; set; } = [];
}

/// <summary>The announced standing of a supplier in one scope and period.</summary>
[GenerateSerializer, Alias("SupplierQuality.Webhooks.StandingEntry")]
public sealed class StandingEntry
{
    /// <summary>Null for all suppliers, else the category.</summary>
    [Id(0)]
    public string? Category { get; set; }

    /// <summary>The period in its string form (<c>campaign:{id}</c>, ...).</summary>
    [Id(1)]
    public string Period { get; set; } = string.Empty;

    /// <summary>The standing's name (<c>AtRisk</c>), stored by name so a reordered enum cannot change it; null for none.</summary>
    [Id(2)]
    public string? Standing { get; set; }

    /// <summary>Changes announced: the revision in the last event's id.</summary>
    [Id(3)]
    public int Revision { get; set; }

    [Id(4)]
    public double? RankingScore { get; set; }

    [Id(5)]
    public DateTimeOffset ChangedAt { get; set; }
}
