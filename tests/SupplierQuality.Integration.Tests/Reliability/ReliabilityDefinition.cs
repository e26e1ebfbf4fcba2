namespace SupplierQuality.Integration.Tests.Reliability;

/// <summary>
/// The fault tests stop databases and fill disks under load and measure how the node answers: they run alone, after
/// the other collections, so their load and timings are their own and no other test sees their faults.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityDefinition
{
    public const string Name = "Reliability";
}
