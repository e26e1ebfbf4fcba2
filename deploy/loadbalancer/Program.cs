using Yarp.ReverseProxy.Health;

namespace SupplierQuality.LoadBalancer;

/// <summary>
/// The entry point, written out: with top-level statements the SDK makes a public Program class, which would clash with
/// the node's in the integration tests that reference both.
/// </summary>
internal static class Balancer
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // A line per forwarded request would bury what matters: nodes leaving and coming back (YARP's health warnings).
        builder.Logging.AddFilter("Yarp", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var balancer = BalancerOptions.Read(builder.Configuration);
        builder.Services.AddReverseProxy().LoadFromMemory([BalancerOptions.Route()], [balancer.Cluster()]);
        builder.Services.Configure<TransportFailureRateHealthPolicyOptions>(balancer.ConfigurePassiveChecks);

        var app = builder.Build();
        app.MapReverseProxy();
        await app.RunAsync();
    }
}
