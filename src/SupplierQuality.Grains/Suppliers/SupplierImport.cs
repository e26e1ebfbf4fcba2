using System.Text.Json.Serialization;

namespace SupplierQuality.Grains.Suppliers;

[GenerateSerializer, Alias("SupplierQuality.Suppliers.SupplierImportAction")]
[JsonConverter(typeof(JsonStringEnumConverter<SupplierImportAction>))]
public enum SupplierImportAction
{
    Create = 0,
    Update = 1,
}

/// <summary>
/// One supplier an import creates or updates. The id of a new supplier without an external id is chosen when the file
/// is read, so applying the same import twice creates it once.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierImportChange")]
public sealed record SupplierImportChange(
    [property: Id(0)] Guid SupplierId,
    [property: Id(1)] SupplierImportAction Action,
    [property: Id(2)] int ExpectedVersion,
    [property: Id(3)] int Line,
    [property: Id(4)] SupplierProfile Profile,
    [property: Id(5)] IReadOnlyList<string> ChangedFields);

/// <summary>
/// Something wrong with, or worth knowing about, a line of an imported file. <see cref="Line"/> is the physical line
/// where the row starts (the header is line 1); null means the whole file. <see cref="Column"/> is the column's
/// name in the file, when the message is about one cell.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierImportProblem")]
public sealed record SupplierImportProblem(
    [property: Id(0)] int? Line,
    [property: Id(1)] string? Column,
    [property: Id(2)] string Message);

/// <summary>
/// A file read without errors and compared with the saved suppliers: what confirming it would change. Suppliers the
/// file leaves as they are only count in <see cref="Unchanged"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierImportPlan")]
public sealed record SupplierImportPlan(
    [property: Id(0)] string? FileName,
    [property: Id(1)] int Rows,
    [property: Id(2)] int Unchanged,
    [property: Id(3)] IReadOnlyList<SupplierImportChange> Changes,
    [property: Id(4)] IReadOnlyList<SupplierImportProblem> Warnings)
{
    public int ToCreate => Changes.Count(c => c.Action == SupplierImportAction.Create);

    public int ToUpdate => Changes.Count(c => c.Action == SupplierImportAction.Update);

    public int Suppliers => Changes.Count + Unchanged;
}

[GenerateSerializer, Alias("SupplierQuality.Suppliers.SupplierImportPhase")]
[JsonConverter(typeof(JsonStringEnumConverter<SupplierImportPhase>))]
public enum SupplierImportPhase
{
    /// <summary>Read and compared; nothing written until someone confirms.</summary>
    Staged = 0,

    Applying = 1,

    /// <summary>Every change was tried; see the counts and failures.</summary>
    Applied = 2,
}

/// <summary>
/// How far applying an import has come. <see cref="Unchanged"/> counts the suppliers the file left as they were
/// and those that turned out to be already as asked when applied.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierImportProgress")]
public sealed record SupplierImportProgress(
    [property: Id(0)] SupplierImportPhase Phase,
    [property: Id(1)] int Total,
    [property: Id(2)] int Done,
    [property: Id(3)] int Created,
    [property: Id(4)] int Updated,
    [property: Id(5)] int Unchanged,
    [property: Id(6)] IReadOnlyList<SupplierImportProblem> Failures);

/// <summary>
/// A staged import as the preview page shows it: the plan's counts, the first changes of each kind (not all of
/// them: a file may change tens of thousands of suppliers) and the progress once confirmed.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierImportStatus")]
public sealed record SupplierImportStatus(
    [property: Id(0)] string? FileName,
    [property: Id(1)] int Rows,
    [property: Id(2)] int ToCreate,
    [property: Id(3)] int ToUpdate,
    [property: Id(4)] int Unchanged,
    [property: Id(5)] IReadOnlyList<SupplierImportChange> FirstChanges,
    [property: Id(6)] IReadOnlyList<SupplierImportProblem> Warnings,
    [property: Id(7)] SupplierImportProgress Progress);
