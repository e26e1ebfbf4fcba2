using System.Diagnostics;
using System.Globalization;

namespace SupplierQuality.Benchmarks.Results;

/// <summary>Progress lines while the run goes on, each stamped with the time since the run started.</summary>
internal static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static string Line(string text) =>
        string.Create(CultureInfo.InvariantCulture, $"[{Clock.Elapsed:hh\\:mm\\:ss}] {text}");

    public static void Say(string text) => Console.WriteLine(Line(text));

    /// <summary>Prints <paramref name="report"/> every few seconds until disposed, so a long phase shows it is moving.</summary>
    public static Reporter Every(TimeSpan interval, Func<string> report) => new(interval, report);

    internal sealed class Reporter : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Reporter(TimeSpan interval, Func<string> report)
        {
            _loop = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(interval);
                try
                {
                    while (await timer.WaitForNextTickAsync(_stop.Token))
                    {
                        Say(report());
                    }
                }
                catch (OperationCanceledException)
                {
                    // Disposed.
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
