using Microsoft.Extensions.Logging;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// Finds standing changes for the ranking grain, which computes standings per query and stores none: it remembers the
/// standing of each supplier in each ranking it checked (all suppliers and each category, for every period touched
/// since the last check) and sends the differences to the suppliers' <see cref="ISupplierStandingGrain"/>s, which
/// announce them. A check runs on the ranking's timer, bounded per tick, so queries never wait long behind it.
/// </summary>
/// <remarks>
/// A new activation starts from the standings it computes at once (<see cref="Begin"/>), and sends each of them to its
/// supplier as a baseline over the next checks: only the supplier's own record can tell whether a standing changed
/// while the ranking was gone (a crash, a settings change meanwhile). Anything later is compared with that start, so a
/// supplier's first standing is announced (from none).
/// </remarks>
internal sealed class StandingWatch(ILogger logger)
{
    /// <summary>How often the ranking checks.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Suppliers told per check; more wait for the next.</summary>
    private const int SuppliersPerCheck = 256;

    private const int InFlight = 64;

    private readonly Dictionary<(RankingPeriod Period, string Scope), Dictionary<Guid, Standing?>> _known = [];
    private readonly HashSet<RankingPeriod> _dirty = [];
    private readonly Dictionary<Guid, Dictionary<(RankingPeriod Period, string Scope), StandingObservation>> _pending = [];
    private int _settingsVersion;
    private bool _everything;

    /// <summary>At the ranking's activation: every standing now, remembered, and queued as a baseline.</summary>
    public void Begin(int settingsVersion, IReadOnlyList<RankingPeriodOption> periods, Func<RankingPeriod, string?, IReadOnlyList<RankingRow>> rank)
    {
        ArgumentNullException.ThrowIfNull(periods);
        _settingsVersion = settingsVersion;
        foreach (var period in periods)
        {
            Compare(period, rank, baseline: true);
        }
    }

    /// <summary>Scores in these periods may have moved.</summary>
    public void Touch(IEnumerable<RankingPeriod> periods) => _dirty.UnionWith(periods);

    /// <summary>Any score may have moved (a reload).</summary>
    public void TouchAll() => _everything = true;

    /// <summary>
    /// One check: settings changes touch every period; touched periods are ranked (all suppliers, then each category
    /// in them) until enough suppliers wait; then up to <see cref="SuppliersPerCheck"/> suppliers are told.
    /// </summary>
    /// <param name="rank">The ranking of a period, all suppliers (null) or one category.</param>
    public async Task CheckAsync(
        IGrainFactory grains, int settingsVersion, IReadOnlyList<RankingPeriodOption> periods, Func<RankingPeriod, string?, IReadOnlyList<RankingRow>> rank)
    {
        if (_everything || _settingsVersion != settingsVersion)
        {
            _dirty.UnionWith(periods.Select(p => p.Period));
            _everything = false;
        }

        _settingsVersion = settingsVersion;
        while (_pending.Count < SuppliersPerCheck && _dirty.Count > 0)
        {
            var period = _dirty.First();
            _dirty.Remove(period);
            if (periods.FirstOrDefault(p => p.Period == period) is { } option)
            {
                Compare(option, rank, baseline: false);
            }
        }

        await TellAsync(grains);
    }

    private void Compare(RankingPeriodOption period, Func<RankingPeriod, string?, IReadOnlyList<RankingRow>> rank, bool baseline)
    {
        var all = rank(period.Period, null);
        Collect(period, null, all, baseline);
        foreach (var category in all.Select(r => r.Category).OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            Collect(period, category, rank(period.Period, category), baseline);
        }
    }

    private void Collect(RankingPeriodOption period, string? category, IReadOnlyList<RankingRow> rows, bool baseline)
    {
        var key = (period.Period, category?.ToUpperInvariant() ?? string.Empty);
        if (!_known.TryGetValue(key, out var known))
        {
            _known[key] = known = [];
        }

        foreach (var row in rows)
        {
            StandingObservation observation;
            if (known.TryGetValue(row.SupplierId, out var previous))
            {
                if (previous == row.Standing)
                {
                    continue;
                }

                observation = Observe(period, category, row, previousKnown: true, previous);
            }
            else if (baseline)
            {
                known[row.SupplierId] = row.Standing;
                observation = Observe(period, category, row, previousKnown: false, null);
            }
            else if (row.Standing is null)
            {
                known[row.SupplierId] = null;
                continue;
            }
            else
            {
                observation = Observe(period, category, row, previousKnown: true, null);
            }

            if (!_pending.TryGetValue(row.SupplierId, out var waiting))
            {
                _pending[row.SupplierId] = waiting = [];
            }

            waiting[key] = observation;
        }
    }

    private static StandingObservation Observe(RankingPeriodOption period, string? category, RankingRow row, bool previousKnown, Standing? previous) =>
        new(category, period, row.Name, row.Category, row.Standing, row.RankingScore, row.Rank, previousKnown, previous);

    /// <summary>Tells suppliers what changed; what a supplier's grain refused stays to be told at the next check.</summary>
    private async Task TellAsync(IGrainFactory grains)
    {
        foreach (var chunk in _pending.Take(SuppliersPerCheck).ToList().Chunk(InFlight))
        {
            await Task.WhenAll(chunk.Select(async supplier =>
            {
                try
                {
                    await grains.GetGrain<ISupplierStandingGrain>(supplier.Key).ObserveAsync([.. supplier.Value.Values]);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Standing changes of supplier {Supplier} were not announced; the next check tries again.", supplier.Key);
                    return;
                }

                // The grain runs one turn at a time, so these continuations never overlap.
                _pending.Remove(supplier.Key);
                foreach (var (key, observation) in supplier.Value)
                {
                    _known[key][supplier.Key] = observation.Standing;
                }
            }));
        }
    }
}
