using System.Globalization;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace SupplierQuality.LoadBalancer;

/// <summary>
/// The nodes behind the balancer and how it checks them; the <c>Balancer</c> configuration section, from the command
/// line (<c>--Balancer:Nodes=http://127.0.0.1:5081,http://127.0.0.1:5082</c>) or the environment
/// (<c>Balancer__Nodes</c>). Requests go round robin to the nodes whose <c>/health/ready</c> answers; a node that fails
/// two checks in a row, or whose requests fail at the transport level, is left out until it answers again. When no node is
/// ready, all get requests, so callers see the node's own 503 with <c>Retry-After</c> rather than the balancer's.
/// Each request carries X-Forwarded-For, -Proto and -Host (YARP's default, replacing whatever the client sent: this is
/// the edge), which the nodes believe only when their <c>Node:ForwardedHeaders:KnownProxies</c> lists this balancer.
/// </summary>
internal sealed class BalancerOptions
{
    public const string SectionName = "Balancer";

    /// <summary>The node's readiness endpoint: the silo is active and the database answers.</summary>
    public const string ReadyPath = "/health/ready";

    private const string ClusterId = "nodes";

    /// <summary>The share of a node's recent requests that may fail at the transport level before it is left out.</summary>
    private const double TransportFailureRateLimit = 0.01;

    /// <summary>The nodes' base addresses, separated by commas or spaces.</summary>
    public string? Nodes { get; set; }

    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The options from configuration; a balancer with no node or a malformed one does not start, and says why.</summary>
    public static BalancerOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<BalancerOptions>() ?? new BalancerOptions();
        var problems = new List<string>();
        var nodes = options.NodeAddresses(problems);
        if (nodes.Count == 0 && problems.Count == 0)
        {
            problems.Add($"{SectionName}:Nodes is empty: list the nodes' addresses, e.g. --{SectionName}:Nodes=http://127.0.0.1:5081,http://127.0.0.1:5082.");
        }

        if (options.HealthCheckInterval < TimeSpan.FromMilliseconds(100) || options.HealthCheckInterval > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{SectionName}:HealthCheckInterval must be from 00:00:00.1 to 00:05:00.");
        }

        if (options.HealthCheckTimeout <= TimeSpan.Zero || options.HealthCheckTimeout > options.HealthCheckInterval)
        {
            problems.Add($"{SectionName}:HealthCheckTimeout must be more than 0 and at most {SectionName}:HealthCheckInterval.");
        }

        return problems.Count == 0 ? options : throw new InvalidOperationException("The load balancer will not start: " + string.Join(" ", problems));
    }

    public static RouteConfig Route() => new()
    {
        RouteId = "everything",
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = "{**path}" },
    };

    public ClusterConfig Cluster() => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = HealthCheckInterval,
                Timeout = HealthCheckTimeout,
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = ReadyPath,
            },

            // A node killed between two checks refuses connections at once: leave it out before the next check says so
            // (how quickly: ConfigurePassiveChecks).
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                ReactivationPeriod = HealthCheckInterval * 2,
            },
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
        },
        Destinations = NodeAddresses([]).Select((address, i) => (address, i)).ToDictionary(
            n => "node" + (n.i + 1).ToString(CultureInfo.InvariantCulture),
            n => new DestinationConfig { Address = n.address.ToString() }),
    };

    /// <summary>
    /// YARP's transport failure rate policy, made to react to the first failures: a node is left out for two check
    /// intervals once 1% or more of the requests sent to it in the last two intervals failed at the transport level
    /// (refused, reset, timed out), counted from its first request. With the defaults (a minute's window, at least 10
    /// requests, 30%) a node killed between two checks went on getting its share until the active check left it out.
    /// Now a quiet cluster loses the one request that found it dead, a busy one a few. That request gets a 502: YARP
    /// retries nothing, and a POST may not be sent twice.
    /// </summary>
    public void ConfigurePassiveChecks(TransportFailureRateHealthPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DetectionWindowSize = HealthCheckInterval * 2;
        options.MinimalTotalCountThreshold = 1;
        options.DefaultFailureRateLimit = TransportFailureRateLimit;
    }

    private List<Uri> NodeAddresses(List<string> problems)
    {
        var addresses = new List<Uri>();
        foreach (var text in (Nodes ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || uri.Query.Length > 0)
            {
                problems.Add($"{SectionName}:Nodes has '{text}', which is not a node's base address such as http://127.0.0.1:5081.");
            }
            else if (!addresses.Contains(uri))
            {
                addresses.Add(uri);
            }
        }

        return addresses;
    }
}
