using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Web.Health;

internal sealed class DatabaseHealthCheck(NodeStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        DbConnection? connection = storage.Provider switch
        {
            StorageProvider.PostgreSql => new NpgsqlConnection(storage.ConnectionString),
            StorageProvider.Sqlite => new SqliteConnection(storage.ConnectionString),
            _ => null,
        };
        if (connection is null)
        {
            return HealthCheckResult.Healthy("Memory storage: no database");
        }

        await using (connection)
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy($"{storage.Provider} answers");
            }
            catch (DbException ex)
            {
                return HealthCheckResult.Unhealthy($"{storage.Provider} does not answer: {ex.Message}");
            }
        }
    }
}
