using Quickenshtein;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Suppliers;

/// <summary>
/// The managed category list (docs/adr/0008-managed-supplier-categories.md): its name rules, the check the entry
/// points make against it, and the rename that moves the suppliers along.
/// </summary>
public static class SupplierCategories
{
    /// <summary>A list for people to choose from; a longer one is a second name field, not a category.</summary>
    public const int MaxCategories = 500;

    /// <summary>Supplier saves in flight at once while a rename moves them: a rename must not swamp the storage.</summary>
    public const int RenameParallelism = 16;

    private const int MaxRenameRounds = 3;

    public static ISupplierCategoriesGrain GetSupplierCategories(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<ISupplierCategoriesGrain>(0);
    }

    /// <summary>Why a (trimmed) category name cannot go on the list, or null: the supplier rules for a category, and not empty.</summary>
    public static string? NameProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "Enter the category's name.";
        }

        if (name.Length > SupplierInput.MaxCategoryLength)
        {
            return $"The category must be at most {SupplierInput.MaxCategoryLength} characters.";
        }

        return SupplierInput.TextProblem(name);
    }

    /// <summary>
    /// A supplier's category against the list: the list's spelling of it (null stays null), or why it is refused,
    /// naming the closest categories on the list ("Did you mean 'Castings'?").
    /// </summary>
    public static (string? Category, string? Problem) Check(string? category, IReadOnlyList<string> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (string.IsNullOrWhiteSpace(category))
        {
            return (null, null);
        }

        var trimmed = category.Trim();
        if (list.FirstOrDefault(c => string.Equals(c, trimmed, StringComparison.OrdinalIgnoreCase)) is { } known)
        {
            return (known, null);
        }

        var closest = Closest(trimmed, list);
        var hint = closest.Count == 0
            ? " Choose one from the list, or ask a quality manager to add it at /suppliers/categories."
            : $" Did you mean {string.Join(" or ", closest.Select(c => $"'{c}'"))}? Otherwise ask a quality manager to add it at /suppliers/categories.";
        return (trimmed, $"The category \"{trimmed}\" is not on the list of categories." + hint);
    }

    /// <summary>
    /// A category from the API or an import, which other systems and spreadsheets feed: on the list, the list's spelling;
    /// within a few typing mistakes of a listed one, refused with the closest ("Did you mean 'Castings'?"), since that is
    /// how a typo would otherwise make a category of its own; else a new category (<c>IsNew</c>), which goes on the list
    /// when the supplier is saved (<see cref="AddAllAsync"/>).
    /// </summary>
    public static (string? Category, string? Problem, bool IsNew) Admit(string? category, IReadOnlyList<string> list)
    {
        var (spelled, problem) = Check(category, list);
        if (problem is null || spelled is null)
        {
            return (spelled, null, false);
        }

        // Narrower than the form's suggestions: one or two slips of the keys, and never names whose numbers differ
        // ("Tier 1" and "Tier 2" are two categories), so that distinct names are not taken for each other.
        var closest = Closest(spelled, list, spelled.Length >= 8 ? 2 : 1).Where(c => Digits(c) == Digits(spelled)).ToList();
        return closest.Count == 0
            ? (spelled, null, true)
            : (spelled, $"The category \"{spelled}\" is not on the list of categories. Did you mean {string.Join(" or ", closest.Select(c => $"'{c}'"))}? A new category this close to a listed one is taken for a typing mistake: if it is meant, add it at /suppliers/categories first.", false);
    }

    private static string Digits(string name) => string.Concat(name.Where(char.IsAsciiDigit));

    /// <summary>
    /// Puts each of the categories on the list that is not there yet (idempotent); the first refusal's reason (the list
    /// is full), or null.
    /// </summary>
    public static async Task<string?> AddAllAsync(this IGrainFactory grains, IEnumerable<string?> categories)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var list = grains.GetSupplierCategories();
        foreach (var category in categories.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var added = await list.AddAsync(category);
            if (!added.Succeeded)
            {
                return $"The category \"{category}\" could not go on the list: {string.Join(" ", added.Errors.Values.SelectMany(e => e))}";
            }
        }

        return null;
    }

    /// <summary>At most three categories within a few typing mistakes of the name (any case), nearest first.</summary>
    public static IReadOnlyList<string> Closest(string name, IReadOnlyList<string> list, int? maxDistance = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(list);
        var upper = name.ToUpperInvariant();
        var allowed = maxDistance ?? Math.Max(2, name.Length / 3);
        return
        [
            .. list.Select(c => (Name: c, Distance: Levenshtein.GetDistance(upper, c.ToUpperInvariant())))
                .Where(c => c.Distance <= allowed)
                .OrderBy(c => c.Distance)
                .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .Take(3)
                .Select(c => c.Name),
        ];
    }

    /// <summary>
    /// Renames a category and moves its suppliers: the new name goes on the list, each supplier in the old category is
    /// saved with the new one (<see cref="RenameParallelism"/> at a time, a supplier changed meanwhile tried again),
    /// then the old name leaves the list. Interrupted, the old name stays with the suppliers not yet moved: renaming
    /// again finishes the job. <see cref="CommandOutcome.Conflict"/> says how many suppliers could not be moved.
    /// </summary>
    public static async Task<CommandResult<IReadOnlyList<string>>> RenameAsync(this IGrainFactory grains, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var categories = grains.GetSupplierCategories();
        var begun = await categories.BeginRenameAsync(from, to);
        if (begun.Outcome != CommandOutcome.Ok)
        {
            return begun;
        }

        var target = to.Trim();
        var left = new List<SupplierDirectoryEntry>();
        for (var round = 0; round < MaxRenameRounds; round++)
        {
            left = [.. (await grains.QuerySuppliersAsync(new SupplierFilter(from.Trim(), null, null))).First
                .Where(e => !string.Equals(e.Category, target, StringComparison.Ordinal))];
            if (left.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(
                left,
                new ParallelOptions { MaxDegreeOfParallelism = RenameParallelism },
                async (entry, _) =>
                {
                    var supplier = grains.GetGrain<ISupplierGrain>(entry.Id);
                    if (await supplier.GetAsync() is { } details && !string.Equals(details.Category, target, StringComparison.Ordinal))
                    {
                        var profile = new SupplierProfile(details.Name, target, null, details.Status, details.Contacts);
                        await supplier.UpdateAsync(new UpdateSupplier(details.Version, profile));
                    }
                });
        }

        if (left.Count > 0)
        {
            return CommandResult.Conflict<IReadOnlyList<string>>(
                $"{left.Count} {(left.Count == 1 ? "supplier" : "suppliers")} could not be moved to \"{target}\" (changed by someone meanwhile, or their saved details break a rule). Rename again to finish.",
                await categories.ListAsync());
        }

        // A change of case only has replaced the name on the list already.
        return string.Equals(from.Trim(), target, StringComparison.OrdinalIgnoreCase)
            ? CommandResult.Ok(await categories.ListAsync())
            : await categories.RemoveAsync(from);
    }
}
