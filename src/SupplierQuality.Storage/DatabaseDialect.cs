namespace SupplierQuality.Storage;

/// <summary>The SQL databases the node can keep its data in; each has its own migration set.</summary>
public enum DatabaseDialect
{
    PostgreSql,
    Sqlite,
}
