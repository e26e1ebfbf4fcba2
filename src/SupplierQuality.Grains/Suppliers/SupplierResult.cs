namespace SupplierQuality.Grains.Suppliers;

[GenerateSerializer, Alias("SupplierQuality.Suppliers.SupplierOutcome")]
public enum SupplierOutcome
{
    /// <summary>The command created the supplier.</summary>
    Created,

    /// <summary>The command succeeded, or had already: the supplier is as asked.</summary>
    Ok,

    NotFound,

    /// <summary>The supplier exists with other content (create) or moved past the expected version (update).</summary>
    Conflict,

    /// <summary>The input breaks a rule; see <see cref="SupplierResult.Errors"/>. Nothing was written.</summary>
    Invalid,
}

/// <summary>The answer to a supplier command. Expected outcomes are values, not exceptions.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierResult")]
public sealed record SupplierResult(
    [property: Id(0)] SupplierOutcome Outcome,
    [property: Id(1)] SupplierDetails? Supplier,
    [property: Id(2)] IReadOnlyDictionary<string, string[]> Errors,
    [property: Id(3)] string? Message)
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    public static SupplierResult Created(SupplierDetails supplier) => new(SupplierOutcome.Created, supplier, NoErrors, null);

    public static SupplierResult Ok(SupplierDetails supplier) => new(SupplierOutcome.Ok, supplier, NoErrors, null);

    public static SupplierResult NotFound() => new(SupplierOutcome.NotFound, null, NoErrors, null);

    /// <summary>A conflict carries the current supplier, so the caller can show or merge it.</summary>
    public static SupplierResult Conflict(SupplierDetails current, string message) =>
        new(SupplierOutcome.Conflict, current, NoErrors, message);

    public static SupplierResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(SupplierOutcome.Invalid, null, errors, null);
}
