using System.Text.Json.Serialization;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Metrics;

[GenerateSerializer, Alias("SupplierQuality.Metrics.MetricImportAction")]
[JsonConverter(typeof(JsonStringEnumConverter<MetricImportAction>))]
public enum MetricImportAction
{
    /// <summary>The supplier has no value of this metric in this quarter yet.</summary>
    Add = 0,

    /// <summary>The supplier has another value (or target, direction, worst value) of this metric in this quarter.</summary>
    Replace = 1,
}

/// <summary>One row an import adds or replaces; <see cref="Previous"/> is what a replaced row had.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Metrics.MetricImportChange")]
public sealed record MetricImportChange(
    [property: Id(0)] int Line,
    [property: Id(1)] Guid SupplierId,
    [property: Id(2)] string SupplierName,
    [property: Id(3)] MetricImportAction Action,
    [property: Id(4)] MetricValue Metric,
    [property: Id(5)] MetricValue? Previous);

/// <summary>
/// A batch of metrics read without errors and compared with what the suppliers' scorecards hold: what confirming it
/// would change. Rows already stored as they are only count in <see cref="Unchanged"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Metrics.MetricImportPlan")]
public sealed record MetricImportPlan(
    [property: Id(0)] string? FileName,
    [property: Id(1)] int Rows,
    [property: Id(2)] int Unchanged,
    [property: Id(3)] IReadOnlyList<MetricImportChange> Changes,
    [property: Id(4)] string ImportedBy)
{
    public int ToAdd => Changes.Count(c => c.Action == MetricImportAction.Add);

    public int ToReplace => Changes.Count(c => c.Action == MetricImportAction.Replace);
}

[GenerateSerializer, Alias("SupplierQuality.Metrics.MetricImportPhase")]
[JsonConverter(typeof(JsonStringEnumConverter<MetricImportPhase>))]
public enum MetricImportPhase
{
    /// <summary>Read and compared; nothing written until someone confirms.</summary>
    Staged = 0,

    Applying = 1,

    /// <summary>Every supplier's metrics were tried; see the counts and failures.</summary>
    Applied = 2,
}

/// <summary>
/// How far applying an import has come, in rows. <see cref="Unchanged"/> counts the rows the batch left as they were
/// and those found already stored as asked when applied. <see cref="Failures"/> use the supplier import's problem
/// type, so both imports list problems the same way.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Metrics.MetricImportProgress")]
public sealed record MetricImportProgress(
    [property: Id(0)] MetricImportPhase Phase,
    [property: Id(1)] int Total,
    [property: Id(2)] int Done,
    [property: Id(3)] int Added,
    [property: Id(4)] int Replaced,
    [property: Id(5)] int Unchanged,
    [property: Id(6)] IReadOnlyList<SupplierImportProblem> Failures);

/// <summary>A staged import as its preview shows it: counts, the first changes of each kind, and the progress.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Metrics.MetricImportStatus")]
public sealed record MetricImportStatus(
    [property: Id(0)] string? FileName,
    [property: Id(1)] int Rows,
    [property: Id(2)] int ToAdd,
    [property: Id(3)] int ToReplace,
    [property: Id(4)] int Unchanged,
    [property: Id(5)] IReadOnlyList<MetricImportChange> FirstChanges,
    [property: Id(6)] MetricImportProgress Progress);
