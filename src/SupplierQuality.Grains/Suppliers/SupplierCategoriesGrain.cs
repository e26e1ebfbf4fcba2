using Microsoft.Extensions.Logging;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Suppliers;

[GrainType("supplier-categories")]
internal sealed class SupplierCategoriesGrain(
    [PersistentState("categories")] IPersistentState<SupplierCategoriesState> state,
    ILogger<SupplierCategoriesGrain> logger) : Grain, ISupplierCategoriesGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Seeded)
        {
            return;
        }

        // Once: the categories the saved suppliers use, the most used first when there are more than the list holds.
        var entries = (await GrainFactory.QuerySuppliersAsync(SupplierFilter.Everyone)).First;
        var used = entries.Where(e => e.Category is not null)
            .GroupBy(e => e.Category!, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First().Category!)
            .ToList();
        if (used.Count > SupplierCategories.MaxCategories)
        {
            logger.LogWarning(
                "The suppliers use {Count} categories; the managed list keeps the {Max} most used. Suppliers in the others keep their category until they are edited.",
                used.Count,
                SupplierCategories.MaxCategories);
        }

        state.State.Names = [.. used.Take(SupplierCategories.MaxCategories).Order(StringComparer.OrdinalIgnoreCase)];
        state.State.Seeded = true;
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult(List());

    public async Task<CommandResult<IReadOnlyList<string>>> AddAsync(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (SupplierCategories.NameProblem(trimmed) is { } problem)
        {
            return CommandResult.Invalid<IReadOnlyList<string>>("name", problem);
        }

        if (Find(trimmed) is not null)
        {
            return CommandResult.Ok(List());
        }

        if (state.State.Names.Count >= SupplierCategories.MaxCategories)
        {
            return CommandResult.Invalid<IReadOnlyList<string>>("name", $"The list holds at most {SupplierCategories.MaxCategories} categories. Remove or merge some first.");
        }

        state.State.Names.Add(trimmed);
        state.State.Names.Sort(StringComparer.OrdinalIgnoreCase);
        await state.WriteOrDeactivateAsync(this);
        return CommandResult.Created(List());
    }

    public async Task<CommandResult<IReadOnlyList<string>>> RemoveAsync(string name)
    {
        if (Find(name?.Trim()) is not { } existing)
        {
            return CommandResult.Ok(List());
        }

        // The directory lists a supplier before its save is answered, so a supplier saved with the category is seen.
        var users = (await GrainFactory.QuerySuppliersAsync(new SupplierFilter(existing, null, null), take: 0)).Total;
        if (users > 0)
        {
            return CommandResult.Conflict<IReadOnlyList<string>>(
                $"{users} {(users == 1 ? "supplier is" : "suppliers are")} in the category \"{existing}\". Move them to another category first, or rename it.",
                List());
        }

        state.State.Names.Remove(existing);
        await state.WriteOrDeactivateAsync(this);
        return CommandResult.Ok(List());
    }

    public async Task<CommandResult<IReadOnlyList<string>>> BeginRenameAsync(string from, string newName)
    {
        var target = newName?.Trim() ?? string.Empty;
        if (Find(from?.Trim()) is null)
        {
            return CommandResult.NotFound<IReadOnlyList<string>>($"\"{from}\" is not on the list of categories.");
        }

        if (SupplierCategories.NameProblem(target) is { } problem)
        {
            return CommandResult.Invalid<IReadOnlyList<string>>("to", problem);
        }

        // A change of case only ("castings" to "Castings") replaces the name; otherwise both stay until the suppliers moved.
        if (Find(target) is { } same && !string.Equals(same, target, StringComparison.Ordinal))
        {
            state.State.Names.Remove(same);
        }
        else if (Find(target) is not null)
        {
            return CommandResult.Ok(List());
        }
        else if (state.State.Names.Count >= SupplierCategories.MaxCategories)
        {
            return CommandResult.Invalid<IReadOnlyList<string>>("to", $"The list holds at most {SupplierCategories.MaxCategories} categories. Rename it to one already on the list, or remove some first.");
        }

        state.State.Names.Add(target);
        state.State.Names.Sort(StringComparer.OrdinalIgnoreCase);
        await state.WriteOrDeactivateAsync(this);
        return CommandResult.Ok(List());
    }

    private string? Find(string? name) =>
        state.State.Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    private IReadOnlyList<string> List() => [.. state.State.Names];
}
