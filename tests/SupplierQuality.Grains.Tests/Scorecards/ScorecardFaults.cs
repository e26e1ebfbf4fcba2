using System.Collections.Concurrent;
using SupplierQuality.Grains.Scorecards;

namespace SupplierQuality.Grains.Tests.Scorecards;

/// <summary>
/// Makes a supplier's scorecard refuse campaign lines, as a scorecard on a node that died would: the test cluster's
/// silo runs every incoming call through it. Keyed by supplier, so tests that share the cluster never meet it.
/// </summary>
public sealed class ScorecardFaults : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<Guid, int> _refusals = new();

    public static ScorecardFaults Instance { get; } = new();

    /// <summary>The supplier's scorecard refuses its next <paramref name="count"/> campaign lines.</summary>
    public void Refuse(Guid supplierId, int count) => _refusals[supplierId] = count;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Grain is ISupplierScorecardGrain scorecard
            && context.InterfaceMethod?.Name == nameof(ISupplierScorecardGrain.UpdateCampaignAsync)
            && _refusals.TryGetValue(scorecard.GetPrimaryKey(), out var left)
            && left > 0)
        {
            _refusals[scorecard.GetPrimaryKey()] = left - 1;
            throw new InvalidOperationException("The scorecard refused the line (injected by the test).");
        }

        return context.Invoke();
    }
}
