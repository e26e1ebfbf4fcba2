namespace SupplierQuality.Grains.Suppliers;

/// <summary>The stored category list (docs/adr/0004: JSON with type names).</summary>
[GenerateSerializer, Alias("SupplierQuality.Suppliers.SupplierCategoriesState")]
public sealed class SupplierCategoriesState
{
    /// <summary>The names as entered, at most <see cref="SupplierCategories.MaxCategories"/>, none twice in any case.</summary>
    [Id(0)]
    public List<string> Names { get; set; } = [];

    /// <summary>Whether the list was seeded from the suppliers' categories; seeding happens once, even to an empty list.</summary>
    [Id(1)]
    public bool Seeded { get; set; }
}
