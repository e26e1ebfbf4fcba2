using Microsoft.Extensions.Logging;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Suppliers;

/// <summary>
/// Holds a previewed import in memory and applies it when confirmed. No persistent state on purpose: a plan can be
/// tens of megabytes and matters only for the minutes between preview and confirmation; losing it costs an upload.
/// Applying runs in the background of this activation (a call only starts it), because tens of thousands of
/// supplier writes take longer than any one grain call or HTTP request should.
/// </summary>
// The name Orleans gave it by convention before it was written down: stored state is keyed by it.
[CollectionAgeLimit(Minutes = IdleMinutes)]
[GrainType("supplierimport")]
public sealed class SupplierImportGrain(TimeProvider time, ILogger<SupplierImportGrain> logger) : Grain, ISupplierImportGrain
{
    /// <summary>How long an import is kept without a call.</summary>
    public const int IdleMinutes = 30;

    /// <summary>
    /// Supplier writes in flight at once. PostgreSQL commits concurrent transactions with one flush and SQLite's writes
    /// queue in the node, so more in flight is faster on both (30,000 suppliers: about 10 % on PostgreSQL and 25 % on
    /// SQLite with 64 rather than 16).
    /// </summary>
    public const int Parallelism = 64;

    /// <summary>
    /// Suppliers written, then listed, together: each directory bucket is written once per batch (about ten of its
    /// suppliers at a time), not once per supplier. A supplier is counted only when its batch is listed; a crash can
    /// leave at most one batch saved but unlisted, and importing the file again lists it (docs/adr/0003-supplier-directory.md).
    /// </summary>
    public const int BatchSize = 2500;

    /// <summary>How many changes of each kind the preview lists.</summary>
    public const int ChangesShown = 100;

    private const int MaxAttempts = 3;

    private readonly List<SupplierImportProblem> _failures = [];
    private SupplierImportPlan? _plan;
    private SupplierImportPhase _phase;
    private int _done;
    private int _created;
    private int _updated;
    private int _alreadyDone;
    private bool _stopping;

    public Task<bool> StageAsync(SupplierImportPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (_plan is not null)
        {
            return Task.FromResult(false);
        }

        _plan = plan;
        return Task.FromResult(true);
    }

    public Task<SupplierImportStatus?> GetStatusAsync()
    {
        if (_plan is not { } plan)
        {
            return Task.FromResult<SupplierImportStatus?>(null);
        }

        IReadOnlyList<SupplierImportChange> first =
        [
            .. plan.Changes.Where(c => c.Action == SupplierImportAction.Create).Take(ChangesShown),
            .. plan.Changes.Where(c => c.Action == SupplierImportAction.Update).Take(ChangesShown),
        ];
        return Task.FromResult<SupplierImportStatus?>(new SupplierImportStatus(
            plan.FileName, plan.Rows, plan.ToCreate, plan.ToUpdate, plan.Unchanged, first, plan.Warnings, Progress(plan)));
    }

    public Task<SupplierImportProgress?> ApplyAsync()
    {
        if (_plan is not { } plan)
        {
            return Task.FromResult<SupplierImportProgress?>(null);
        }

        if (_phase == SupplierImportPhase.Staged)
        {
            _phase = SupplierImportPhase.Applying;

            // Not awaited: the work goes on in this activation's scheduler, between calls, after this call returns.
            _ = RunAsync(plan);
        }

        return Task.FromResult<SupplierImportProgress?>(Progress(plan));
    }

    public Task<SupplierImportProgress?> GetProgressAsync() =>
        Task.FromResult(_plan is { } plan ? Progress(plan) : null);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Changes already made stay made; the rest is not started. Importing the file again finishes the job.
        _stopping = true;
        return Task.CompletedTask;
    }

    private SupplierImportProgress Progress(SupplierImportPlan plan) =>
        new(_phase, plan.Changes.Count, _done, _created, _updated, plan.Unchanged + _alreadyDone, [.. _failures.OrderBy(f => f.Line)]);

    private async Task RunAsync(SupplierImportPlan plan)
    {
        // Idle collection counts calls, not background work: keep the activation (and the plan) until the work ends.
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        try
        {
            // The preview named the new categories; they go on the managed list before any supplier is saved in one.
            if (await GrainFactory.AddAllAsync(plan.Changes.Select(c => c.Profile.Category)) is { } refused)
            {
                logger.LogWarning("Supplier import {ImportId}: {Problem}", this.GetPrimaryKey(), refused);
            }

            // A batch's directory entries are published while the next batch is written.
            var publishing = Task.CompletedTask;
            for (var start = 0; start < plan.Changes.Count && !_stopping; start += BatchSize)
            {
                var written = await WriteAsync([.. plan.Changes.Skip(start).Take(BatchSize)]);
                await publishing;
                publishing = PublishAsync(written);
            }

            await publishing;
            logger.LogInformation(
                "Supplier import {ImportId} applied: {Created} created, {Updated} updated, {Unchanged} unchanged, {Failed} failed.",
                this.GetPrimaryKey(), _created, _updated, plan.Unchanged + _alreadyDone, _failures.Count);
        }
        catch (Exception e)
        {
            // Each supplier's and each batch's failure is reported where it happens; this is a bug, and the page must
            // still finish.
            logger.LogError(e, "Supplier import {ImportId} stopped.", this.GetPrimaryKey());
            _failures.Add(new SupplierImportProblem(null, null, "The import stopped unexpectedly. Import the file again to finish it: suppliers already saved stay as they are."));
        }
        finally
        {
            _phase = SupplierImportPhase.Applied;
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    /// <summary>Writes a batch's suppliers, <see cref="Parallelism"/> at once; the directory does not list them yet.</summary>
    private async Task<List<Written>> WriteAsync(List<SupplierImportChange> batch)
    {
        // Workers take the next change in turn. They all run on this activation's single-threaded scheduler, so the
        // shared index and list need no locks.
        var written = new List<Written>(batch.Count);
        var next = 0;
        async Task WorkAsync()
        {
            while (next < batch.Count && !_stopping)
            {
                if (await WriteOneAsync(batch[next++]) is { } one)
                {
                    written.Add(one);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(Parallelism, batch.Count)).Select(_ => WorkAsync()));
        return written;
    }

    private async Task<Written?> WriteOneAsync(SupplierImportChange change)
    {
        var supplier = GrainFactory.GetGrain<ISupplierGrain>(change.SupplierId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new Written(change, await supplier.ImportAsync(change), Retried: attempt > 1);
            }
            catch (Exception e) when (attempt < MaxAttempts && !_stopping)
            {
                // A timeout or a storage hiccup. The supplier's commands are idempotent, so trying again is safe.
                logger.LogWarning(e, "Supplier import {ImportId}: attempt {Attempt} for line {Line} failed.", this.GetPrimaryKey(), attempt, change.Line);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Supplier import {ImportId}: line {Line} could not be saved.", this.GetPrimaryKey(), change.Line);
                Fail(change, "could not be saved (the database did not answer in time). Import the file again to retry it.");
                _done++;
                return null;
            }
        }
    }

    /// <summary>
    /// Lists a written batch in the directory (each bucket written once) and only then counts it: a supplier the
    /// progress reports as saved is listed. Conflicts are published too, with the supplier as it is.
    /// </summary>
    private async Task PublishAsync(List<Written> batch)
    {
        List<SupplierDirectoryEntry> entries = [.. batch.Select(w => w.Result.Value).OfType<SupplierDetails>().Select(SupplierDirectoryEntry.Of)];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await GrainFactory.PublishAsync(entries);
                break;
            }
            catch (Exception e) when (attempt < MaxAttempts && !_stopping)
            {
                logger.LogWarning(e, "Supplier import {ImportId}: attempt {Attempt} to list {Count} suppliers failed.", this.GetPrimaryKey(), attempt, entries.Count);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time);
            }
            catch (Exception e)
            {
                // Saved but not listed: importing the file again lands on the same suppliers and lists them.
                logger.LogError(e, "Supplier import {ImportId}: {Count} saved suppliers could not be listed.", this.GetPrimaryKey(), entries.Count);
                foreach (var w in batch)
                {
                    Fail(w.Change, "could not be listed (the database did not answer in time). Import the file again to finish it.");
                }

                _done += batch.Count;
                return;
            }
        }

        foreach (var w in batch)
        {
            Count(w.Change, w.Result, w.Retried);
        }

        _done += batch.Count;
    }

    private void Count(SupplierImportChange change, CommandResult<SupplierDetails> result, bool retried)
    {
        switch (result.Outcome, change.Action)
        {
            case (CommandOutcome.Created, _):
                _created++;
                break;
            case (CommandOutcome.Ok, SupplierImportAction.Create):
                // Already exactly as asked: by an earlier attempt of ours (then it counts as created), or by someone else.
                if (retried)
                {
                    _created++;
                }
                else
                {
                    _alreadyDone++;
                }

                break;
            case (CommandOutcome.Ok, SupplierImportAction.Update):
                // The supplier has the file's profile now. The grain answers Ok without writing when it already had it,
                // and then its version is still the expected one. (Someone who made the same change meanwhile moved the
                // version too; that rare case counts as updated, which is what the file asked for.)
                if (result.Value!.Version > change.ExpectedVersion)
                {
                    _updated++;
                }
                else
                {
                    _alreadyDone++;
                }

                break;
            case (CommandOutcome.Conflict, SupplierImportAction.Create):
                Fail(change, "was created by someone else since the preview, with other details, so it was not changed. Import the file again to update it.");
                break;
            case (CommandOutcome.Conflict, SupplierImportAction.Update):
                Fail(change, $"was changed by someone else since the preview (now version {result.Value?.Version}), so it was not updated. Import the file again to update it.");
                break;
            case (CommandOutcome.NotFound, _):
                Fail(change, "no longer exists, so it was not updated.");
                break;
            default:
                Fail(change, "was not saved: " + string.Join(" ", result.Errors.Values.SelectMany(m => m)));
                break;
        }
    }

    private void Fail(SupplierImportChange change, string reason) =>
        _failures.Add(new SupplierImportProblem(change.Line, null, $"\"{change.Profile.Name}\" {reason}"));

    /// <summary>A supplier's answer to its change, waiting for its batch to be listed.</summary>
    private sealed record Written(SupplierImportChange Change, CommandResult<SupplierDetails> Result, bool Retried);
}
