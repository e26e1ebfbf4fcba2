namespace SupplierQuality.Integration.Tests.Telemetry;

/// <summary>
/// The product's counters are static, one set per process: every node in the test process adds to them. Tests that
/// check them by exact amounts run alone, after the other collections, so nothing else moves them meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryDefinition
{
    public const string Name = "Telemetry";
}
