using SupplierQuality.Grains.Metrics;

namespace SupplierQuality.Grains.Scorecards;

[GrainType("supplier-scorecard")]
public sealed class SupplierScorecardGrain(
    [PersistentState("scorecard")] IPersistentState<SupplierScorecardState> state,
    TimeProvider time) : Grain, ISupplierScorecardGrain
{
    public Task UpdateCampaignAsync(CampaignScores scores) => StoreAsync(scores, replaceSameRevision: false);

    public Task ReplaceCampaignAsync(CampaignScores scores) => StoreAsync(scores, replaceSameRevision: true);

    public Task<IReadOnlyList<CampaignScores>> GetAsync() =>
        Task.FromResult<IReadOnlyList<CampaignScores>>([.. state.State.Campaigns]);

    public Task<IReadOnlyList<StoredMetric>> GetMetricsAsync() =>
        Task.FromResult<IReadOnlyList<StoredMetric>>(
            [.. state.State.Metrics.OrderByDescending(m => m.Metric.Period.Ordinal).ThenBy(m => m.Metric.Name, StringComparer.OrdinalIgnoreCase)]);

    public async Task<MetricStoreResult> ImportMetricsAsync(IReadOnlyList<MetricValue> metrics, string importedBy)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentException.ThrowIfNullOrWhiteSpace(importedBy);
        var now = time.GetUtcNow();
        var errors = new List<string>();
        for (var i = 0; i < metrics.Count; i++)
        {
            var metric = metrics[i];
            errors.AddRange(MetricInput.Validate(metric, now).Values.Select(m => $"{Describe(metric)}: {m}"));
            if (metrics.Take(i).Any(metric.SameSlot))
            {
                errors.Add($"{Describe(metric)} is in the batch twice.");
            }
        }

        if (errors.Count > 0)
        {
            return new MetricStoreResult(0, 0, 0, errors);
        }

        // The new list is made apart from the state, so a refused batch leaves the state exactly as it was.
        var stored = new List<StoredMetric>(state.State.Metrics);
        int added = 0, replaced = 0, unchanged = 0;
        foreach (var metric in metrics)
        {
            var index = stored.FindIndex(s => s.Metric.SameSlot(metric));
            if (index >= 0 && stored[index].Metric == metric)
            {
                unchanged++;
                continue;
            }

            var entry = new StoredMetric(metric, now, importedBy);
            if (index >= 0)
            {
                stored[index] = entry;
                replaced++;
            }
            else
            {
                stored.Add(entry);
                added++;
            }
        }

        foreach (var quarter in stored.GroupBy(s => s.Metric.Period).Where(q => q.Count() > MetricInput.MaxPerQuarter))
        {
            errors.Add($"{quarter.Key} would have {quarter.Count()} metrics; a supplier can have at most {MetricInput.MaxPerQuarter} a quarter.");
        }

        if (errors.Count > 0)
        {
            return new MetricStoreResult(0, 0, 0, errors);
        }

        if (added + replaced > 0)
        {
            state.State.Metrics = stored;
            await state.WriteOrDeactivateAsync(this);
            await GrainFactory.GetRanking().UpdateMetricsAsync(this.GetPrimaryKey(), [.. stored.Select(s => s.Metric)]);
        }

        return new MetricStoreResult(added, replaced, unchanged, []);
    }

    private async Task StoreAsync(CampaignScores scores, bool replaceSameRevision)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var lines = state.State.Campaigns;
        var index = lines.FindIndex(l => l.CampaignId == scores.CampaignId);
        if (index >= 0 && (lines[index].Revision > scores.Revision || (lines[index].Revision == scores.Revision && !replaceSameRevision)))
        {
            return;
        }

        if (index >= 0)
        {
            lines[index] = scores.ForStorage();
        }
        else
        {
            lines.Add(scores.ForStorage());
        }

        await state.WriteOrDeactivateAsync(this);
        await GrainFactory.GetRanking().UpdateSupplierAsync(this.GetPrimaryKey(), [.. lines]);
    }

    private static string Describe(MetricValue metric) => $"{metric.Name} in {metric.Period}";
}
