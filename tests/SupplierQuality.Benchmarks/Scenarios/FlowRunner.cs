using System.Diagnostics;
using SupplierQuality.Benchmarks.Client;
using SupplierQuality.Benchmarks.Results;

namespace SupplierQuality.Benchmarks.Scenarios;

/// <summary>What one run of concurrent supplier flows did.</summary>
/// <param name="RanOut">The invitations left for this run were all answered before its time was up.</param>
internal sealed record FlowRun(long Completed, FlowTimings Timings, bool RanOut);

/// <summary>Where a run of flows stops besides its time.</summary>
/// <param name="Keep">Stop when only this many invitations are left.</param>
/// <param name="MaxFlows">Stop after starting this many flows.</param>
/// <param name="PerSecond">Pace the visitors to start about this many flows a second together.</param>
internal sealed record FlowLimits(int Keep = 0, long MaxFlows = long.MaxValue, double? PerSecond = null);

/// <summary>Virtual suppliers answering invitations concurrently, each through its own connection.</summary>
internal sealed class FlowRunner(Uri baseAddress, Survey survey, InvitationPool pool, FlowLedger ledger)
{
    public FlowLedger Ledger => ledger;

    public InvitationPool Pool => pool;

    /// <summary>
    /// Runs <paramref name="clients"/> visitors for <paramref name="duration"/> or until a limit is reached. Flows under
    /// way when time is up are finished, never cut (a cut submit would be neither acknowledged nor refused).
    /// <paramref name="stopStarting"/> ends the run early the same way: no new flows, the ones under way finished.
    /// </summary>
    public async Task<FlowRun> RunAsync(
        string label, int clients, TimeSpan duration, FlowLimits limits, CancellationToken stopStarting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var (keep, maxFlows, perSecond) = (limits.Keep, limits.MaxFlows, limits.PerSecond);
        var timings = new FlowTimings();
        var completed = 0L;
        var started = 0L;
        var ranOut = false;
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopStarting);
        stop.CancelAfter(duration);
        await using (Progress.Every(TimeSpan.FromSeconds(5), () => $"{label}: {clock.Elapsed.TotalSeconds:N0} s, {Interlocked.Read(ref completed):N0} flows ({Interlocked.Read(ref completed) / clock.Elapsed.TotalSeconds:N0}/s), {pool.Remaining:N0} invitations left"))
        {
            await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(
                async () =>
                {
                    using var visitor = new SupplierVisitor(baseAddress, survey, ledger);
                    var interval = perSecond is > 0 ? TimeSpan.FromSeconds(clients / perSecond.Value) : TimeSpan.Zero;
                    var next = clock.Elapsed + (interval * client / clients);
                    while (!stop.IsCancellationRequested)
                    {
                        if (interval > TimeSpan.Zero && !await WaitAsync(next - clock.Elapsed, stop.Token))
                        {
                            break;
                        }

                        next += interval;
                        if (Interlocked.Increment(ref started) > maxFlows)
                        {
                            break;
                        }

                        if (!pool.TryTake(keep, out var invitation))
                        {
                            ranOut = true;
                            break;
                        }

                        if (await visitor.AnswerAsync(invitation, timings, cancellationToken))
                        {
                            Interlocked.Increment(ref completed);
                        }
                    }
                },
                cancellationToken)));
        }

        return new FlowRun(completed, timings, ranOut);
    }

    /// <summary>Waits for <paramref name="delay"/>; false when stopped meanwhile.</summary>
    private static async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, stop);
            }

            return !stop.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
