using Microsoft.Data.Sqlite;
using SupplierQuality.Storage;

namespace SupplierQuality.Web.Hosting;

/// <summary>The storage this node resolved from configuration: provider, dialect and connection string.</summary>
internal sealed record NodeStorage(StorageProvider Provider, string? ConnectionString, string? SqliteFile)
{
    public DatabaseDialect? Dialect => Provider switch
    {
        StorageProvider.PostgreSql => DatabaseDialect.PostgreSql,
        StorageProvider.Sqlite => DatabaseDialect.Sqlite,
        _ => null,
    };

    public static NodeStorage Resolve(IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        options.PostgreSqlConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        switch (options.EffectiveProvider)
        {
            case StorageProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(options.PostgreSqlConnectionString))
                {
                    throw new InvalidOperationException(
                        $"Storage:Provider is PostgreSql but ConnectionStrings:{StorageOptions.ConnectionStringName} is not set.");
                }

                return new NodeStorage(StorageProvider.PostgreSql, options.PostgreSqlConnectionString, null);
            case StorageProvider.Sqlite:
                var file = Path.GetFullPath(Path.Combine(contentRoot, options.SqlitePath));
                var connectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = file,
                    Mode = SqliteOpenMode.ReadWriteCreate,
                    Pooling = true,
                    // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout: this is the busy timeout.
                    DefaultTimeout = 30,
                }.ToString();
                return new NodeStorage(StorageProvider.Sqlite, connectionString, file);
            default:
                return new NodeStorage(StorageProvider.Memory, null, null);
        }
    }

    public string Describe() => Provider switch
    {
        StorageProvider.PostgreSql => "PostgreSQL (clustering, grain state and reminders through the Orleans ADO.NET providers)",
        StorageProvider.Sqlite => $"the SQLite file {SqliteFile} (grain state and reminders; single node)",
        _ => "memory only: NOTHING WILL SURVIVE A RESTART (Storage:Provider=Memory)",
    };
}
