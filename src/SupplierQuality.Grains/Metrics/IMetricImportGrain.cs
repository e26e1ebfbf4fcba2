namespace SupplierQuality.Grains.Metrics;

/// <summary>
/// One metrics import between its preview and its confirmation, keyed by a random id. Held in memory only, like the
/// supplier import: it is gone after <see cref="MetricImportGrain.IdleMinutes"/> minutes without a call or when its
/// node stops, and the person uploads the file again (nothing was written before the confirmation, and applying the
/// same metrics again changes nothing).
/// </summary>
[Alias("SupplierQuality.Metrics.IMetricImportGrain")]
public interface IMetricImportGrain : IGrainWithGuidKey
{
    /// <summary>Keeps the plan until it is applied; false if this import already holds one (which it keeps).</summary>
    [Alias("Stage")]
    Task<bool> StageAsync(MetricImportPlan plan);

    /// <summary>The plan's counts and first changes with the progress; null when nothing is staged (any more).</summary>
    [Alias("GetStatus")]
    Task<MetricImportStatus?> GetStatusAsync();

    /// <summary>
    /// Starts applying the plan in the background and answers at once; calling it again (a second click, a retry)
    /// only reports the progress. Null when nothing is staged.
    /// </summary>
    [Alias("Apply")]
    Task<MetricImportProgress?> ApplyAsync();

    /// <summary>The progress; null when nothing is staged.</summary>
    [Alias("GetProgress")]
    Task<MetricImportProgress?> GetProgressAsync();
}
