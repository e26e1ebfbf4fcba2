using System.Text.RegularExpressions;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Suppliers.Import;

/// <summary>
/// The first line of an import file (suppliers, metrics): each heading matched to a known column whatever its case,
/// spaces, hyphens and underscores ("External ID", "supplier-id"); unknown and repeated columns reported on line 1.
/// </summary>
internal static partial class CsvHeadings
{
    public static Dictionary<TColumn, (int Index, string Heading)> Read<TColumn>(
        IReadOnlyList<string> fields, IReadOnlyList<(TColumn Column, string Name)> columns, List<SupplierImportProblem> errors)
        where TColumn : notnull
    {
        var header = new Dictionary<TColumn, (int Index, string Heading)>();
        var unknown = new List<string>();
        for (var i = 0; i < fields.Count; i++)
        {
            var heading = fields[i].Trim();
            if (heading.Length == 0)
            {
                // Spreadsheets often save empty columns after the last one; a value under no heading is a row error.
                continue;
            }

            var key = Noise().Replace(heading, string.Empty);
            var known = columns.Where(c => string.Equals(c.Name.Replace("_", string.Empty, StringComparison.Ordinal), key, StringComparison.OrdinalIgnoreCase)).ToList();
            if (known.Count == 0)
            {
                unknown.Add(heading);
            }
            else if (header.TryGetValue(known[0].Column, out var first))
            {
                errors.Add(new SupplierImportProblem(1, heading, $"The column {known[0].Name} appears twice: as column {first.Index + 1} (\"{first.Heading}\") and column {i + 1}. Keep one."));
            }
            else
            {
                header[known[0].Column] = (i, heading);
            }
        }

        if (unknown.Count > 0)
        {
            errors.Add(new SupplierImportProblem(1, null, $"Unknown {(unknown.Count == 1 ? "column" : "columns")}: {string.Join(", ", unknown.Select(u => $"\"{u}\""))}. The columns can be {string.Join(", ", columns.Select(c => c.Name))}; remove or rename the others."));
        }

        return header;
    }

    [GeneratedRegex(@"[\s_\-]+")]
    private static partial Regex Noise();
}
