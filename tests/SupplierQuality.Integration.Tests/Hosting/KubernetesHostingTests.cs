using Orleans.Hosting.Kubernetes;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Hosting;

/// <summary>
/// Node:Kubernetes turns on Orleans Kubernetes hosting (deploy/kubernetes sets it). Outside a pod it cannot work, so
/// these tests see it wired by the way a node refuses to start where it does not belong.
/// </summary>
public sealed class KubernetesHostingTests
{
    [Fact]
    public async Task A_node_told_it_runs_in_Kubernetes_without_PostgreSQL_refuses_to_start_and_says_why()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Kubernetes"] = "true",
        }));

        Assert.Contains("Node:Kubernetes is set", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:SupplierQuality", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_told_it_runs_in_Kubernetes_outside_a_pod_stops_at_Orleans_Kubernetes_hosting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = null,
            ["ConnectionStrings:SupplierQuality"] = "Host=127.0.0.1;Port=1;Database=none",
            ["Node:Kubernetes"] = "true",
        }));

        // Orleans' own check, before any call to the Kubernetes API: the pod's namespace comes from the downward API.
        Assert.Contains(KubernetesHostingOptions.PodNamespaceEnvironmentVariable, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Node:Kubernetes is set", error.ToString(), StringComparison.Ordinal);
    }
}
