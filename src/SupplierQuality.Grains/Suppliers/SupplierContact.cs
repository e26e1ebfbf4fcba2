namespace SupplierQuality.Grains.Suppliers;

/// <summary>A person at the supplier who receives surveys.</summary>
/// <remarks>
/// Role, phone and language came after the first release; rows stored before them read as null (not given).
/// <see cref="Language"/> is a two-letter code of a language the emails and the form are written in (en, de, fr, es).
/// </remarks>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Suppliers.SupplierContact")]
public sealed record SupplierContact(
    [property: Id(0)] string? Name,
    [property: Id(1)] string Email,
    [property: Id(2)] string? Role = null,
    [property: Id(3)] string? Phone = null,
    [property: Id(4)] string? Language = null);
