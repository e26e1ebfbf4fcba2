using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Suppliers.Import;

/// <summary>
/// What reading a file and comparing it with the saved suppliers found: the plan that confirming would apply, and the
/// problems that stop it. The plan's counts only cover suppliers without problems.
/// </summary>
public sealed record SupplierImportPreview(SupplierImportPlan Plan, IReadOnlyList<SupplierImportProblem> Errors)
{
    public bool CanImport => Errors.Count == 0;
}

/// <summary>CSV import as the pages and the API share it: preview (reads only), stage, wait for the result.</summary>
internal static class SupplierImporter
{
    /// <summary>Saved suppliers read at once while comparing.</summary>
    private const int ReadParallelism = 32;

    /// <summary>
    /// Reads the file and decides, per supplier, create, update or unchanged. Writes nothing. A supplier is matched
    /// by its external id (its grain id derives from it) or, without one, by its name in any case; a name that
    /// several saved suppliers share cannot say which to update and is an error.
    /// </summary>
    public static async Task<SupplierImportPreview> PreviewAsync(
        IGrainFactory grains, byte[] bytes, string? fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var file = SupplierImportFile.Read(bytes);
        var errors = new List<SupplierImportProblem>(file.Errors);
        var warnings = new List<SupplierImportProblem>();
        var suppliers = file.Suppliers;
        if (suppliers.Count == 0)
        {
            return new SupplierImportPreview(new SupplierImportPlan(fileName, file.Rows, 0, [], []), errors);
        }

        // The whole directory, once: a query per name would be a call to every shard per row.
        var entries = (await grains.QuerySuppliersAsync(SupplierFilter.Everyone)).First;
        var byName = entries.ToLookup(e => e.Name, StringComparer.OrdinalIgnoreCase);

        // A supplier is listed before its creation is answered or counted, so an id the directory does not list is a
        // new supplier: no need to wake its grain (thousands of activations) only to learn it is empty. (The exception,
        // a supplier saved by an import interrupted before it was listed, answers the planned creation as done.)
        var listed = entries.Select(e => e.Id).ToHashSet();

        var ids = new Guid?[suppliers.Count];
        var known = new List<int>();
        for (var i = 0; i < suppliers.Count; i++)
        {
            var supplier = suppliers[i];
            if (supplier.Profile.ExternalId is { } externalId)
            {
                ids[i] = SupplierIds.FromExternalId(externalId);
                if (listed.Contains(ids[i]!.Value))
                {
                    known.Add(i);
                }

                continue;
            }

            var named = byName[supplier.Profile.Name].ToList();
            if (named.Count > 1)
            {
                errors.Add(new SupplierImportProblem(
                    supplier.Line,
                    file.Heading(ImportColumn.Name),
                    $"{named.Count} saved suppliers are named \"{supplier.Profile.Name}\", so this row cannot say which one to update. Give it an external_id, or rename the saved suppliers so each name is used once."));
            }
            else if (named.Count == 1)
            {
                ids[i] = named[0].Id;
                known.Add(i);
            }
            else
            {
                // Derived from the name, so confirming twice, or importing the file again after an interrupted import,
                // creates the supplier once.
                var attempt = 1;
                var id = SupplierIds.FromImportedName(supplier.Profile.Name, attempt);
                while (listed.Contains(id))
                {
                    id = SupplierIds.FromImportedName(supplier.Profile.Name, ++attempt);
                }

                ids[i] = id;
            }
        }

        var saved = new SupplierDetails?[suppliers.Count];
        await Parallel.ForEachAsync(
            known,
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (i, _) => saved[i] = await grains.GetGrain<ISupplierGrain>(ids[i]!.Value).GetAsync());

        var categories = await grains.GetSupplierCategories().ListAsync();
        var newCategories = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var changes = new List<SupplierImportChange>();
        var unchanged = 0;
        var lineOf = new Dictionary<Guid, int>();
        for (var i = 0; i < suppliers.Count; i++)
        {
            if (ids[i] is not { } id)
            {
                continue;
            }

            var supplier = suppliers[i];
            if (!lineOf.TryAdd(id, supplier.Line))
            {
                errors.Add(new SupplierImportProblem(
                    supplier.Line,
                    file.Heading(ImportColumn.Name),
                    $"This row and line {lineOf[id]} are the same saved supplier (one by its external_id, the other by its name). Put them together under the same external_id."));
                continue;
            }

            var current = saved[i];
            var target = Merge(file, supplier, current);
            if (file.Has(ImportColumn.Category))
            {
                var (category, problem, isNew) = SupplierCategories.Admit(target.Category, categories);
                if (problem is not null)
                {
                    errors.Add(new SupplierImportProblem(supplier.Line, file.Heading(ImportColumn.Category), problem));
                    continue;
                }

                if (isNew)
                {
                    newCategories.Add(category!);
                }

                target = target with { Category = category };
            }
            if (current is null)
            {
                changes.Add(new SupplierImportChange(id, SupplierImportAction.Create, 0, supplier.Line, target, []));
                if (target.ExternalId is not null && byName[target.Name].FirstOrDefault() is { } sameName)
                {
                    warnings.Add(new SupplierImportProblem(
                        supplier.Line,
                        file.Heading(ImportColumn.ExternalId),
                        $"A supplier named \"{sameName.Name}\" is already saved under another or no external id; this row adds a second one with the external id \"{target.ExternalId}\"."));
                }

                continue;
            }

            var was = new SupplierProfile(current.Name, current.Category, current.ExternalId, current.Status, current.Contacts);
            if (target.Equals(was))
            {
                unchanged++;
            }
            else
            {
                changes.Add(new SupplierImportChange(id, SupplierImportAction.Update, current.Version, supplier.Line, target, ChangedFields(was, target)));
            }
        }

        if (newCategories.Count > 0)
        {
            // The import applies them to the list first (SupplierImportGrain); say so before anyone confirms.
            var free = SupplierCategories.MaxCategories - categories.Count;
            var named = string.Join(", ", newCategories.Select(c => $"\"{c}\""));
            (newCategories.Count > free ? errors : warnings).Add(new SupplierImportProblem(
                null,
                file.Heading(ImportColumn.Category),
                newCategories.Count > free
                    ? $"The file brings {newCategories.Count} new categories ({named}), but the list has room for {free} more of its {SupplierCategories.MaxCategories}. Use categories on the list, or remove or merge some at /suppliers/categories first."
                    : $"{(newCategories.Count == 1 ? "A new category goes" : $"{newCategories.Count} new categories go")} on the list of categories: {named}."));
        }

        var plan = new SupplierImportPlan(fileName, file.Rows, unchanged, changes, warnings);
        return new SupplierImportPreview(plan, [.. errors.OrderBy(e => e.Line ?? 0)]);
    }

    /// <summary>Keeps the plan in a new import grain until someone confirms it; returns the import's id.</summary>
    public static async Task<Guid> StageAsync(IGrainFactory grains, SupplierImportPlan plan)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var id = Guid.NewGuid();
        if (!await grains.GetGrain<ISupplierImportGrain>(id).StageAsync(plan))
        {
            throw new InvalidOperationException($"The new import {id} already held a plan.");
        }

        return id;
    }

    /// <summary>
    /// The profile the supplier gets: the file's values for the columns it has, the saved ones for the others, and the
    /// saved status when the file's is empty (a file without statuses must not reactivate suppliers).
    /// </summary>
    private static SupplierProfile Merge(SupplierImportFile file, ImportedSupplier supplier, SupplierDetails? current)
    {
        var profile = supplier.Profile;
        return SupplierInput.Normalize(new SupplierProfile(
            profile.Name,
            file.Has(ImportColumn.Category) ? profile.Category : current?.Category,
            profile.ExternalId ?? current?.ExternalId,
            supplier.StatusGiven ? profile.Status : current?.Status ?? SupplierStatus.Active,
            file.Has(ImportColumn.ContactEmail) ? [.. profile.Contacts.Select(c => KeepSaved(file, c, current))] : current?.Contacts ?? []));
    }

    /// <summary>
    /// A contact's role, phone and language from the saved contact with the same address when the file lacks their
    /// column: a file written before those columns existed must not clear what was entered since.
    /// </summary>
    private static SupplierContact KeepSaved(SupplierImportFile file, SupplierContact contact, SupplierDetails? current)
    {
        var saved = current?.Contacts.FirstOrDefault(c => string.Equals(c.Email, contact.Email, StringComparison.OrdinalIgnoreCase));
        return saved is null ? contact : contact with
        {
            Role = file.Has(ImportColumn.ContactRole) ? contact.Role : saved.Role,
            Phone = file.Has(ImportColumn.ContactPhone) ? contact.Phone : saved.Phone,
            Language = file.Has(ImportColumn.ContactLanguage) ? contact.Language : saved.Language,
        };
    }

    private static string[] ChangedFields(SupplierProfile was, SupplierProfile now) =>
    [
        .. new[]
        {
            (was.Name == now.Name, "name"),
            (was.Category == now.Category, "category"),
            (was.Status == now.Status, "status"),
            (was.Contacts.SequenceEqual(now.Contacts), "contacts"),
        }.Where(f => !f.Item1).Select(f => f.Item2),
    ];
}
