using SupplierQuality.Benchmarks.Client;
using SupplierQuality.Benchmarks.Results;

namespace SupplierQuality.Benchmarks.Scenarios;

/// <summary>
/// Scenario 4: new suppliers (one contact each) imported from CSV through the import API, timed from the upload to
/// the import applied; then the supplier list, read through the API, must hold every one of them.
/// </summary>
internal static class Import
{
    public const string Category = "Bench import";

    public static async Task<ResultRow> RunAsync(NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (options, session, cancel) = (context.Options, context.Session, context.Cancel);
        var files = BenchSuppliers.Files("Import", Category, options.ImportSuppliers, 1).ToList();
        Progress.Say($"import: {options.ImportSuppliers:N0} suppliers in {files.Count} CSV {(files.Count == 1 ? "file" : "files")} of {files.Sum(f => f.Length) / (1024.0 * 1024):N1} MB");
        var (created, failures) = (0, 0);
        var window = context.Meter.Begin();
        foreach (var file in files)
        {
            var outcome = await session.ImportAsync(file, "suppliers", options.ImportTimeout, cancel);
            (created, failures) = (created + outcome.Created, failures + outcome.Failures);
        }

        var usage = await window.EndAsync();
        var listed = (await session.GetJsonAsync($"/api/suppliers?category={Uri.EscapeDataString(Category)}&pageSize=1", cancel))["total"]?.GetValue<int>() ?? -1;
        var passed = created == options.ImportSuppliers && failures == 0 && listed == options.ImportSuppliers;
        var check = $"{created:N0} created, {failures:N0} failures, {listed:N0} listed by the API";
        var row = ResultRow.From(context.Database, "import", $"{options.ImportSuppliers:N0} suppliers", created, usage, null, passed, check);
        Progress.Say($"import: {created:N0} suppliers in {usage.Elapsed.TotalSeconds:N1} s ({row.PerSecond:N0}/s); {check}");
        return row;
    }
}
