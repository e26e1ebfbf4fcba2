using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SupplierQuality.Benchmarks.Client;

/// <summary>
/// The run's suppliers as CSV files for the import, in the columns the import page documents: one row per contact,
/// grouped by external id. Every contact address is unique and says which supplier and contact it is, so the emails
/// the loopback SendGrid receives can be checked one by one.
/// </summary>
internal static partial class BenchSuppliers
{
    /// <summary>The most data rows one import takes (the node refuses more).</summary>
    public const int MaxRowsPerFile = 50_000;

    private static readonly string[] Regions = ["North", "South", "East", "West", "Central"];

    /// <summary>A word in a fifth of the names, for the filtered ranking page.</summary>
    public static string SearchWord => Regions[0];

    /// <summary>The files for <paramref name="count"/> suppliers, each within the node's row limit.</summary>
    public static IEnumerable<string> Files(string label, string category, int count, int contacts)
    {
        var perFile = MaxRowsPerFile / contacts;
        for (var first = 0; first < count; first += perFile)
        {
            yield return File(label, category, first, Math.Min(perFile, count - first), contacts);
        }
    }

    public static string Email(string label, int supplier, int contact) =>
        string.Create(CultureInfo.InvariantCulture, $"s{supplier:D6}.c{contact}@{label.ToLowerInvariant()}.bench.test");

    /// <summary>The supplier and contact numbers of an address made by <see cref="Email"/>; null for any other.</summary>
    public static (int Supplier, int Contact)? Parse(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var match = EmailPattern().Match(email);
        return match.Success
            ? (int.Parse(match.Groups["supplier"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["contact"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    private static string File(string label, string category, int first, int count, int contacts)
    {
        var csv = new StringBuilder("name,category,external_id,contact_name,contact_email,status\n");
        for (var supplier = first; supplier < first + count; supplier++)
        {
            for (var contact = 1; contact <= contacts; contact++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{label} supplier {supplier:D6} {Regions[supplier % Regions.Length]},{category},")
                    .Append(CultureInfo.InvariantCulture, $"{label.ToUpperInvariant()}-{supplier:D6},Contact {contact},{Email(label, supplier, contact)},Active\n");
            }
        }

        return csv.ToString();
    }

    [GeneratedRegex(@"^s(?<supplier>\d+)\.c(?<contact>\d+)@")]
    private static partial Regex EmailPattern();
}
