using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupplierQuality.Web.Health;

internal sealed class SiloHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        var activeSilos = oracle.GetApproximateSiloStatuses(onlyActive: true).Count;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo active; {activeSilos} active silos in the cluster")
            : HealthCheckResult.Unhealthy($"Silo is {status}"));
    }
}
