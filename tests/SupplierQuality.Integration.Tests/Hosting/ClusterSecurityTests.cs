using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Storage;
using SupplierQuality.Storage;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Integration.Tests.Hosting;

/// <summary>
/// Nothing reaches a grain but through a node's own web front: no gateway, and silo ports that speak only mutual TLS
/// with the cluster's certificate.
/// </summary>
public sealed class ClusterSecurityTests(PostgresServer postgres)
{
    private const string ActiveStatus = "3";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cluster_of_two_refuses_a_plain_client_and_a_node_with_another_certificate()
    {
        postgres.RequireAvailable();
        var connectionString = await postgres.CreateDatabaseAsync();
        var siloPort = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = null,
            ["ConnectionStrings:SupplierQuality"] = connectionString,
        };
        await using var first = await TestNode.StartAsync(new Dictionary<string, string?>(settings) { ["Node:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await using var second = await NodeProcess.StartAsync(settings);
        await WaitForActiveSilosAsync(connectionString, 2);

        var viaSiloPort = await Assert.ThrowsAnyAsync<Exception>(() => ConnectPlainClientAsync(c => c.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, siloPort))));
        var viaMembership = await Assert.ThrowsAnyAsync<Exception>(() => ConnectPlainClientAsync(c => c.UseAdoNetClustering(o =>
        {
            o.Invariant = MigrationRunner.OrleansInvariant(DatabaseDialect.PostgreSql);
            o.ConnectionString = connectionString;
        })));
        var stranger = await Assert.ThrowsAnyAsync<Exception>(() => NodeProcess.StartAsync(
            new Dictionary<string, string?>(settings) { ["Node:CertificatePath"] = ClusterCertificates.Stranger }));

        Assert.IsNotType<TimeoutException>(viaSiloPort);
        // The membership table lists no gateway, so such a client waits for one until it gives up.
        Assert.True(viaMembership is OperationCanceledException || viaMembership.Message.Contains("gateway", StringComparison.OrdinalIgnoreCase), viaMembership.ToString());
        // The cluster's nodes reject its certificate, declare it dead, and it stops: on a busy machine the vote can land
        // before its own refused connection is logged, and then it stops because the table says it is dead.
        Assert.True(
            stranger.Message.Contains("The remote certificate was rejected", StringComparison.Ordinal)
                || stranger.Message.Contains("I should be Dead according to the membership table", StringComparison.Ordinal),
            stranger.Message);
        Assert.Equal(2, await ActiveSilosAsync(connectionString));
        var endpoints = first.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal((new IPEndPoint(IPAddress.Loopback, siloPort), 0), (endpoints.SiloListeningEndpoint, endpoints.GatewayPort));
        Assert.Equal(0, await ScalarAsync(connectionString, "SELECT count(*) FROM orleansmembershiptable WHERE proxyport <> 0"));
        using var api = NodeDurabilityTests.ApiClient(second.BaseAddress, await first.CreateApiKeyAsync(Roles.QualityManager));
        using var served = await api.GetAsync(new Uri("/api/suppliers", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task A_gateway_opens_only_when_asked_for_and_then_on_loopback()
    {
        var gatewayPort = FreePort.Next();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Node:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var endpoints = node.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, gatewayPort), endpoints.GatewayListeningEndpoint);
    }

    [Fact]
    public async Task A_PostgreSQL_node_without_a_certificate_refuses_to_start_and_says_how_to_make_one()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:SupplierQuality"] = "Host=127.0.0.1;Port=1;Database=none",
            ["Node:CertificatePath"] = null,
        }));

        Assert.Contains("Node:CertificatePath", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("openssl req -x509", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_node_makes_its_certificate_once_beside_the_database_readable_by_its_owner_only()
    {
        using var database = new TemporarySqliteDatabase();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = database.FilePath,
            ["Node:CertificatePath"] = null,
        };
        var path = Path.Combine(Path.GetDirectoryName(database.FilePath)!, NodeCertificate.FileName);

        await using (await TestNode.StartAsync(settings))
        {
        }

        var made = await File.ReadAllTextAsync(path, Cancel);
        await using (await TestNode.StartAsync(settings))
        {
        }

        Assert.Equal(made, await File.ReadAllTextAsync(path, Cancel));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        using var certificate = X509Certificate2.CreateFromPemFile(path);
        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public void Only_the_cluster_certificate_or_one_from_the_trusted_authority_is_accepted()
    {
        using var own = X509Certificate2.CreateFromPemFile(ClusterCertificates.Shared);
        using var stranger = X509Certificate2.CreateFromPemFile(ClusterCertificates.Stranger);
        using var copy = X509CertificateLoader.LoadCertificate(own.RawData);

        Assert.True(NodeCertificate.IsTrusted(copy, own, authority: null));
        Assert.False(NodeCertificate.IsTrusted(stranger, own, authority: null));
        Assert.True(NodeCertificate.IsTrusted(stranger, own, authority: stranger));
    }

    /// <summary>A client written from the public Orleans packages, with no certificate, as an attacker would.</summary>
    private static async Task ConnectPlainClientAsync(Action<IClientBuilder> clustering)
    {
        using var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("supplierquality", "supplierquality"));
                clustering(client);
            })
            .Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await host.StartAsync(timeout.Token);
        await host.Services.GetRequiredService<IGrainFactory>().GetAccount("admin@test.local").GetInfo().WaitAsync(timeout.Token);
    }

    private static async Task WaitForActiveSilosAsync(string connectionString, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await ActiveSilosAsync(connectionString) != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The cluster did not reach {count} active silos");
            await Task.Delay(250, Cancel);
        }
    }

    private static Task<int> ActiveSilosAsync(string connectionString) =>
        ScalarAsync(connectionString, $"SELECT count(*) FROM orleansmembershiptable WHERE status = {ActiveStatus}");

    private static async Task<int> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(Cancel), System.Globalization.CultureInfo.InvariantCulture);
    }
}
