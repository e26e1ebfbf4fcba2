using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Web.Health;

/// <summary>
/// Ready only while the configured database answers a cheap query within <see cref="Timeout"/>, so a load balancer
/// stops sending work while it is away and sends it again, with no restart, once it is back.
/// </summary>
internal sealed class DatabaseHealthCheck(NodeStorage storage) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    // Unpooled: a pooled connection may be one the server dropped while away, and would report it gone after it is
    // back. One connection every few seconds costs nothing.
    private readonly string? _postgreSql = storage.Provider == StorageProvider.PostgreSql
        ? new NpgsqlConnectionStringBuilder(storage.ConnectionString)
        {
            Pooling = false,
            Timeout = (int)Timeout.TotalSeconds,
            CommandTimeout = (int)Timeout.TotalSeconds,
        }.ConnectionString
        : null;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        DbConnection? connection = storage.Provider switch
        {
            StorageProvider.PostgreSql => new NpgsqlConnection(_postgreSql),
            StorageProvider.Sqlite => new SqliteConnection(storage.ConnectionString),
            _ => null,
        };
        if (connection is null)
        {
            return HealthCheckResult.Healthy("Memory storage: no database");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        await using (connection)
        {
            try
            {
                await connection.OpenAsync(timeout.Token);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(timeout.Token);
                return HealthCheckResult.Healthy($"{storage.Provider} answers");
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"{storage.Provider} did not answer within {Timeout.TotalSeconds:0} s");
            }
            catch (Exception ex) when (ex is DbException or TimeoutException or System.Net.Sockets.SocketException)
            {
                return HealthCheckResult.Unhealthy($"{storage.Provider} does not answer: {ex.Message}");
            }
        }
    }
}
