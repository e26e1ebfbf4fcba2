namespace SupplierQuality.Web.CsvImports;

/// <summary>Waiting on a staged import (suppliers, metrics) from the request that confirmed it.</summary>
internal static class ImportWait
{
    /// <summary>
    /// Waits until the import is applied, or <paramref name="atMost"/> has passed, and returns its progress (null
    /// when nothing is staged). Small imports finish within the request, so the answer can show their result.
    /// </summary>
    public static async Task<TProgress?> UntilAppliedAsync<TProgress>(
        Func<Task<TProgress?>> progressOf, Func<TProgress, bool> applied, TimeSpan atMost, TimeProvider time, CancellationToken cancellationToken)
        where TProgress : class
    {
        ArgumentNullException.ThrowIfNull(progressOf);
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(time);
        var until = time.GetUtcNow() + atMost;
        var pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var progress = await progressOf();
            if (progress is null || applied(progress) || time.GetUtcNow() >= until)
            {
                return progress;
            }

            await Task.Delay(pause, time, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
        }
    }
}
