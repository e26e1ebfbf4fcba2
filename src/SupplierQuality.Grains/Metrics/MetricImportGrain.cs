using Microsoft.Extensions.Logging;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Metrics;

/// <summary>
/// Holds a previewed metrics import in memory and applies it when confirmed: one call per supplier to its scorecard,
/// which stores that supplier's rows at once or not at all. No persistent state, for the supplier import's reasons
/// (<see cref="SupplierImportGrain"/>): the plan matters only between preview and confirmation.
/// </summary>
// The name Orleans gave it by convention before it was written down: stored state is keyed by it.
[CollectionAgeLimit(Minutes = IdleMinutes)]
[GrainType("metricimport")]
public sealed class MetricImportGrain(TimeProvider time, ILogger<MetricImportGrain> logger) : Grain, IMetricImportGrain
{
    /// <summary>How long an import is kept without a call.</summary>
    public const int IdleMinutes = 30;

    /// <summary>Scorecard writes in flight at once, as the supplier import.</summary>
    public const int Parallelism = SupplierImportGrain.Parallelism;

    /// <summary>How many changes of each kind the preview lists.</summary>
    public const int ChangesShown = 100;

    private const int MaxAttempts = 3;

    private readonly List<SupplierImportProblem> _failures = [];
    private MetricImportPlan? _plan;
    private MetricImportPhase _phase;
    private int _done;
    private int _added;
    private int _replaced;
    private int _alreadyDone;
    private bool _stopping;

    public Task<bool> StageAsync(MetricImportPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (_plan is not null)
        {
            return Task.FromResult(false);
        }

        _plan = plan;
        return Task.FromResult(true);
    }

    public Task<MetricImportStatus?> GetStatusAsync()
    {
        if (_plan is not { } plan)
        {
            return Task.FromResult<MetricImportStatus?>(null);
        }

        IReadOnlyList<MetricImportChange> first =
        [
            .. plan.Changes.Where(c => c.Action == MetricImportAction.Add).Take(ChangesShown),
            .. plan.Changes.Where(c => c.Action == MetricImportAction.Replace).Take(ChangesShown),
        ];
        return Task.FromResult<MetricImportStatus?>(new MetricImportStatus(
            plan.FileName, plan.Rows, plan.ToAdd, plan.ToReplace, plan.Unchanged, first, Progress(plan)));
    }

    public Task<MetricImportProgress?> ApplyAsync()
    {
        if (_plan is not { } plan)
        {
            return Task.FromResult<MetricImportProgress?>(null);
        }

        if (_phase == MetricImportPhase.Staged)
        {
            _phase = MetricImportPhase.Applying;

            // Not awaited: the work goes on in this activation's scheduler, between calls, after this call returns.
            _ = RunAsync(plan);
        }

        return Task.FromResult<MetricImportProgress?>(Progress(plan));
    }

    public Task<MetricImportProgress?> GetProgressAsync() =>
        Task.FromResult(_plan is { } plan ? Progress(plan) : null);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Suppliers already saved stay saved; the rest is not started. Importing the file again finishes the job.
        _stopping = true;
        return Task.CompletedTask;
    }

    private MetricImportProgress Progress(MetricImportPlan plan) =>
        new(_phase, plan.Changes.Count, _done, _added, _replaced, plan.Unchanged + _alreadyDone, [.. _failures.OrderBy(f => f.Line)]);

    private async Task RunAsync(MetricImportPlan plan)
    {
        // Idle collection counts calls, not background work: keep the activation (and the plan) until the work ends.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        try
        {
            var suppliers = plan.Changes.GroupBy(c => c.SupplierId).Select(g => g.ToList()).ToList();

            // Workers take the next supplier in turn, all on this activation's single-threaded scheduler: no locks.
            var next = 0;
            async Task WorkAsync()
            {
                while (next < suppliers.Count && !_stopping)
                {
                    var changes = suppliers[next++];
                    await ApplyOneAsync(changes, plan.ImportedBy);
                    _done += changes.Count;
                }
            }

            await Task.WhenAll(Enumerable.Range(0, Math.Min(Parallelism, suppliers.Count)).Select(_ => WorkAsync()));
            logger.LogInformation(
                "Metric import {ImportId} applied: {Added} added, {Replaced} replaced, {Unchanged} unchanged, {Failed} suppliers failed.",
                this.GetPrimaryKey(), _added, _replaced, plan.Unchanged + _alreadyDone, _failures.Count);
        }
        catch (Exception e)
        {
            // ApplyOneAsync reports each supplier's failure itself; this is a bug, and the page must still finish.
            logger.LogError(e, "Metric import {ImportId} stopped.", this.GetPrimaryKey());
            _failures.Add(new SupplierImportProblem(null, null, "The import stopped unexpectedly. Import the file again to finish it: metrics already saved stay as they are."));
        }
        finally
        {
            _phase = MetricImportPhase.Applied;
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    /// <summary>One supplier's rows, stored together by its scorecard.</summary>
    private async Task ApplyOneAsync(List<MetricImportChange> changes, string importedBy)
    {
        var first = changes[0];
        var scorecard = GrainFactory.GetSupplierScorecard(first.SupplierId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await scorecard.ImportMetricsAsync([.. changes.Select(c => c.Metric)], importedBy);
                if (result.Errors.Count > 0)
                {
                    // Only when the scorecard changed since the preview (another import filled a quarter) or a rule changed.
                    Fail(first, changes.Count, string.Join(" ", result.Errors));
                    return;
                }

                if (attempt > 1)
                {
                    // The scorecard stores a batch whole or not at all, so after a lost answer either nothing was
                    // written or all of it, which this attempt then finds unchanged: the plan says what happened.
                    _added += changes.Count(c => c.Action == MetricImportAction.Add);
                    _replaced += changes.Count(c => c.Action == MetricImportAction.Replace);
                }
                else
                {
                    _added += result.Added;
                    _replaced += result.Replaced;
                    _alreadyDone += result.Unchanged;
                }

                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && !_stopping)
            {
                // A timeout or a storage hiccup. Storing the same metrics again is harmless, so trying again is safe.
                logger.LogWarning(e, "Metric import {ImportId}: attempt {Attempt} for line {Line} failed.", this.GetPrimaryKey(), attempt, first.Line);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Metric import {ImportId}: line {Line} could not be saved.", this.GetPrimaryKey(), first.Line);
                Fail(first, changes.Count, "The database did not answer in time. Import the file again to retry them.");
                return;
            }
        }
    }

    private void Fail(MetricImportChange first, int rows, string reason) =>
        _failures.Add(new SupplierImportProblem(
            first.Line, null, $"The {(rows == 1 ? "metric" : $"{rows} metrics")} of \"{first.SupplierName}\" {(rows == 1 ? "was" : "were")} not saved. {reason}"));
}
