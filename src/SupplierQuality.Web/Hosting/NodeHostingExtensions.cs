using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Providers;
using SupplierQuality.Storage;

namespace SupplierQuality.Web.Hosting;

internal static class NodeHostingExtensions
{
    /// <summary>Options, storage and the co-hosted Orleans silo, chosen by the storage mode.</summary>
    public static WebApplicationBuilder AddNode(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        var storage = NodeStorage.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(storage);

        // Hosted services start in registration order: the schema must exist before the silo starts.
        builder.Services.AddHostedService<StorageStartupService>();

        var node = builder.Configuration.GetSection(NodeOptions.SectionName).Get<NodeOptions>() ?? new NodeOptions();
        var certificate = NodeCertificate.Resolve(node, storage);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = node.ClusterId;
                o.ServiceId = node.ServiceId;
            });
            silo.AddDashboard();
            silo.UseTls(o => NodeCertificate.Configure(o, certificate, node));

            if (storage.Provider == StorageProvider.PostgreSql)
            {
                var address = AdvertisedAddress(node);
                silo.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = address;
                    o.SiloPort = node.SiloPort;
                    o.SiloListeningEndpoint = new IPEndPoint(address, node.SiloPort);
                    ConfigureGateway(o, node);
                });
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = MigrationRunner.OrleansInvariant(DatabaseDialect.PostgreSql);
                    o.ConnectionString = storage.ConnectionString;
                });
                if (node.Kubernetes)
                {
                    silo.UseKubernetesHosting();
                }
            }
            else if (node.Kubernetes)
            {
                throw new InvalidOperationException(
                    $"Node:Kubernetes is set, but the node is on {storage.Describe()}: a cluster of pods needs PostgreSQL "
                    + $"(ConnectionStrings:{StorageOptions.ConnectionStringName}). Set it, or unset Node:Kubernetes for a single node.");
            }
            else
            {
                // The embedded file and memory serve one node.
                silo.UseLocalhostClustering(node.SiloPort, node.GatewayPort, serviceId: node.ServiceId, clusterId: node.ClusterId);
                silo.Configure<EndpointOptions>(o => ConfigureGateway(o, node));
            }

            if (storage.Dialect is { } dialect)
            {
                var invariant = MigrationRunner.OrleansInvariant(dialect);
                silo.AddAdoNetGrainStorageAsDefault(o =>
                {
                    o.Invariant = invariant;
                    o.ConnectionString = storage.ConnectionString;
                });
                if (dialect == DatabaseDialect.Sqlite)
                {
                    SqliteSingleWriter.Wrap(silo.Services, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
                }

                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = invariant;
                    o.ConnectionString = storage.ConnectionString;
                });
            }
            else
            {
                silo.AddMemoryGrainStorageAsDefault();
                silo.UseInMemoryReminderService();
            }
        });

        return builder;
    }

    /// <summary>No gateway unless asked for, and then on loopback only: nothing outside this machine calls grains.</summary>
    private static void ConfigureGateway(EndpointOptions endpoints, NodeOptions node)
    {
        endpoints.GatewayPort = node.GatewayPort;
        endpoints.GatewayListeningEndpoint = node.GatewayPort == 0 ? null : new IPEndPoint(IPAddress.Loopback, node.GatewayPort);
    }

    /// <summary>The configured address, else this host's first IPv4 address that other machines can reach.</summary>
    private static IPAddress AdvertisedAddress(NodeOptions node)
    {
        if (node.AdvertisedIPAddress is { } configured)
        {
            return IPAddress.TryParse(configured, out var address)
                ? address
                : throw new InvalidOperationException($"Node:AdvertisedIPAddress '{configured}' is not an IP address.");
        }

        return Dns.GetHostAddresses(Dns.GetHostName())
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
