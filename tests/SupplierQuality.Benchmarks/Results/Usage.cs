using System.Diagnostics;
using SupplierQuality.Benchmarks.Node;

namespace SupplierQuality.Benchmarks.Results;

/// <summary>What a measured window cost: wall time, the node's peak memory and CPU, the database server's CPU, ours.</summary>
/// <param name="NodeLog">What the node logged at warning level and above during the window.</param>
/// <param name="ClientPeakBytes">This process's peak working set (it holds every email the loopback SendGrid took).</param>
internal sealed record Usage(
    TimeSpan Elapsed, long? NodePeakBytes, TimeSpan? NodeCpu, TimeSpan? DatabaseCpu, TimeSpan ClientCpu, NodeLogCounts? NodeLog, long ClientPeakBytes)
{
    public Dictionary<string, object?> Details()
    {
        var details = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["clientPeakMiB"] = ClientPeakBytes / (1024.0 * 1024),
        };
        if (NodeLog is { } log)
        {
            details["nodeWarnings"] = log.Warnings;
            details["nodeErrors"] = log.Errors;
            details["nodeWarningCategories"] = log.Categories;
        }

        return details;
    }
}

/// <summary>
/// Measures windows of a run: wall time; CPU time of this process, of the node process and of the database server's
/// processes; the node's peak working set (the kernel's high-water mark, reset at the start of each window, and
/// sampled every 200 ms in case the reset is not allowed).
/// </summary>
internal sealed class ResourceMeter(BenchNode? node, Func<TimeSpan?> databaseCpu)
{
    public Window Begin() => new(node, databaseCpu);

    internal sealed class Window
    {
        private readonly BenchNode? _node;
        private readonly Func<TimeSpan?> _databaseCpu;
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly TimeSpan _clientCpu = ClientCpu();
        private readonly TimeSpan? _nodeCpu;
        private readonly TimeSpan? _dbCpu;
        private readonly NodeLogCounts? _log;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _sampled;

        public Window(BenchNode? node, Func<TimeSpan?> databaseCpu)
        {
            _node = node;
            _databaseCpu = databaseCpu;
            _node?.ResetPeakWorkingSet();
            ProcessStat.ResetPeakWorkingSet(Environment.ProcessId);
            _nodeCpu = _node?.Cpu();
            _dbCpu = _databaseCpu();
            _log = _node?.LogCounts();
            _sampled = _node is null ? Task.FromResult(0L) : SampleAsync(_node, _stop.Token);
        }

        public async Task<Usage> EndAsync()
        {
            var elapsed = Stopwatch.GetElapsedTime(_start);
            var clientCpu = ClientCpu() - _clientCpu;
            var nodeCpu = _node?.Cpu() - _nodeCpu;
            var dbCpu = _databaseCpu() - _dbCpu;
            await _stop.CancelAsync();
            var sampled = await _sampled;
            _stop.Dispose();
            long? peak = _node is null ? null : Math.Max(sampled, _node.PeakWorkingSetSinceReset() ?? 0);
            var log = _node is null || _log is null ? null : _node.LogCounts().Since(_log);
            using var self = Process.GetCurrentProcess();
            return new Usage(elapsed, peak, nodeCpu, dbCpu, clientCpu, log, self.PeakWorkingSet64);
        }

        private static async Task<long> SampleAsync(BenchNode node, CancellationToken stop)
        {
            var peak = 0L;
            try
            {
                // A node that is gone reads 0: the window's owner failed and will not end it, so stop sampling.
                var current = 1L;
                while (!stop.IsCancellationRequested && current > 0)
                {
                    current = node.WorkingSet();
                    peak = Math.Max(peak, current);
                    await Task.Delay(200, stop);
                }
            }
            catch (OperationCanceledException)
            {
                // The window ended.
            }

            return Math.Max(peak, node.WorkingSet());
        }

        private static TimeSpan ClientCpu()
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime;
        }
    }
}
