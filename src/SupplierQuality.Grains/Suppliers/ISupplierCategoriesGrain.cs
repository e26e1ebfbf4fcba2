using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Suppliers;

/// <summary>
/// The managed list of supplier categories, one grain (key 0), at most <see cref="SupplierCategories.MaxCategories"/>
/// names compared in any case (docs/adr/0008-managed-supplier-categories.md). Seeded once, on its first activation,
/// from the categories the saved suppliers use. Every answer carries the list as it is after the call.
/// </summary>
[Alias("SupplierQuality.Suppliers.ISupplierCategoriesGrain")]
public interface ISupplierCategoriesGrain : IGrainWithIntegerKey
{
    /// <summary>The categories, sorted ignoring case.</summary>
    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync();

    /// <summary>
    /// Adds a category: <see cref="CommandOutcome.Created"/>, or <see cref="CommandOutcome.Ok"/> when it is already on
    /// the list in any case (nothing written), <see cref="CommandOutcome.Invalid"/> for a bad name or a full list.
    /// </summary>
    [Alias("Add")]
    Task<CommandResult<IReadOnlyList<string>>> AddAsync(string name);

    /// <summary>
    /// Removes a category no supplier uses: <see cref="CommandOutcome.Ok"/> (also when it was not on the list),
    /// <see cref="CommandOutcome.Conflict"/> while a supplier uses it (nothing written).
    /// </summary>
    [Alias("Remove")]
    Task<CommandResult<IReadOnlyList<string>>> RemoveAsync(string name);

    /// <summary>
    /// The first step of a rename (see <see cref="SupplierCategories.RenameAsync"/>): puts <paramref name="newName"/> on the
    /// list beside <paramref name="from"/>, so suppliers moved to it are valid. Renaming onto an existing category
    /// merges the two. <see cref="CommandOutcome.NotFound"/> when <paramref name="from"/> is not on the list.
    /// </summary>
    [Alias("BeginRename")]
    Task<CommandResult<IReadOnlyList<string>>> BeginRenameAsync(string from, string newName);
}
