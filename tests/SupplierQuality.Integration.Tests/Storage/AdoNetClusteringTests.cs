using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.TestingHost;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Storage;

namespace SupplierQuality.Integration.Tests.Storage;

public sealed class AdoNetClusteringTests(PostgresServer server)
{
    private const string ConnectionStringKey = "PostgresClusteringConnectionString";
    private const int Active = 3;
    private const int Dead = 6;
    private static readonly TimeSpan MembershipTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_silos_form_a_cluster_through_the_PostgreSQL_membership_table()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await MigrationRunner.ApplyAsync(DatabaseDialect.PostgreSql, connectionString, NullLogger.Instance, TestContext.Current.CancellationToken);

        var builder = new TestClusterBuilder(2);
        // Real membership: the silos and the client must find each other through the table alone.
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<PostgresClusteringSilo>();
        builder.AddClientBuilderConfigurator<PostgresClusteringClient>();
        var cluster = builder.Build();
        await using (cluster)
        {
            await cluster.DeployAsync(TestContext.Current.CancellationToken);
            var clusterId = cluster.Options.ClusterId;

            var rows = await WaitForMembershipAsync(connectionString, clusterId, r => r.Count == 2 && r.All(m => m.Status == Active));

            var expected = cluster.Silos.Select(s => (s.SiloAddress.Endpoint.Port, s.SiloAddress.Generation)).Order();
            Assert.Equal(expected, rows.Select(r => (r.Port, r.Generation)).Order());
            var management = cluster.Client.GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(onlyActive: true, TestContext.Current.CancellationToken);
            Assert.Equal(2, hosts.Count);

            await cluster.StopAllSilosAsync(TestContext.Current.CancellationToken);

            await WaitForMembershipAsync(connectionString, clusterId, r => r.Count == 2 && r.All(m => m.Status == Dead));
        }
    }

    private static async Task<List<MembershipRow>> WaitForMembershipAsync(
        string connectionString, string clusterId, Func<List<MembershipRow>, bool> condition)
    {
        var deadline = DateTime.UtcNow + MembershipTimeout;
        while (true)
        {
            var rows = await ReadMembershipAsync(connectionString, clusterId);
            if (condition(rows))
            {
                return rows;
            }

            if (DateTime.UtcNow > deadline)
            {
                var seen = string.Join(", ", rows.Select(r => $"{r.Port}@{r.Generation}: status {r.Status}"));
                throw new TimeoutException($"The membership table did not reach the expected state within {MembershipTimeout}; it holds [{seen}].");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<List<MembershipRow>> ReadMembershipAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT Port, Generation, Status FROM OrleansMembershipTable WHERE DeploymentId = @clusterId",
            connection);
        command.Parameters.AddWithValue("clusterId", clusterId);
        var rows = new List<MembershipRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new MembershipRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return rows;
    }

    private sealed record MembershipRow(int Port, int Generation, int Status);

    public sealed class PostgresClusteringSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = MigrationRunner.OrleansInvariant(DatabaseDialect.PostgreSql);
            o.ConnectionString = siloBuilder.Configuration[ConnectionStringKey];
        });
    }

    public sealed class PostgresClusteringClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = MigrationRunner.OrleansInvariant(DatabaseDialect.PostgreSql);
            o.ConnectionString = configuration[ConnectionStringKey];
        });
    }
}
