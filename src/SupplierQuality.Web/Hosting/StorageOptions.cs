using System.ComponentModel.DataAnnotations;

namespace SupplierQuality.Web.Hosting;

internal enum StorageProvider
{
    Sqlite,
    Memory,
    PostgreSql,
}

/// <summary>Where grain state and reminders live. Bound from the "Storage" section.</summary>
internal sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string ConnectionStringName = "SupplierQuality";

    /// <summary>
    /// Chosen from configuration; when absent, PostgreSQL if a connection string is set, else the embedded SQLite file.
    /// </summary>
    public StorageProvider? Provider { get; set; }

    /// <summary>The SQLite database file, relative to the content root unless rooted.</summary>
    [Required]
    public string SqlitePath { get; set; } = "data/supplierquality.db";

    public string? PostgreSqlConnectionString { get; set; }

    public StorageProvider EffectiveProvider =>
        Provider ?? (string.IsNullOrWhiteSpace(PostgreSqlConnectionString) ? StorageProvider.Sqlite : StorageProvider.PostgreSql);
}
