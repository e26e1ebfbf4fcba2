using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SupplierQuality.Storage;

/// <summary>
/// One versioned SQL script of a dialect, embedded as <c>Migrations/&lt;Dialect&gt;/NNNN_name.sql</c>.
/// </summary>
internal sealed partial record Migration(string Version, string Name, string Sql, string Checksum)
{
    private const string ResourcePrefix = "Migrations/";

    /// <summary>The embedded migrations of a dialect, in version order.</summary>
    public static IReadOnlyList<Migration> Load(DatabaseDialect dialect)
    {
        var assembly = typeof(Migration).Assembly;
        var prefix = $"{ResourcePrefix}{dialect}/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // The logical name comes from %(RecursiveDir), which uses the build machine's separator.
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = name[prefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Migration file '{name}' is not named NNNN_lower_case_name.sql.");
            }

            migrations.Add(Create(match.Groups["version"].Value, match.Groups["name"].Value, Read(assembly, resource)));
        }

        migrations.Sort((a, b) => string.CompareOrdinal(a.Version, b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Two {dialect} migrations have version {migrations[i].Version}: {migrations[i - 1].Name} and {migrations[i].Name}.");
            }
        }

        return migrations;
    }

    internal static Migration Create(string version, string name, string sql)
    {
        // Line endings and a byte order mark are editor noise, not a change to the migration.
        var normalized = sql.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        return new Migration(version, name, normalized, checksum);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' could not be opened.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
