using SupplierQuality.Benchmarks;
using SupplierQuality.Benchmarks.Results;
using SupplierQuality.Benchmarks.Scenarios;

// The node measured from outside, as its users reach it: raw durable inserts (the machine's limit), a campaign
// launch to a loopback SendGrid, supplier flows through the form, a CSV import and reads, on SQLite and on a
// private PostgreSQL; one table at the end, also written as JSON and Markdown. docs/benchmarks.md explains it.
var (options, problem) = BenchmarkOptions.Parse(args);
if (options is null)
{
    if (problem is not null)
    {
        await Console.Error.WriteLineAsync(problem);
    }

    Console.WriteLine(BenchmarkOptions.Usage);
    return problem is null ? 0 : 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the run and cleans up (node, databases, folders); a second one kills it.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
    Progress.Say("stopping: cleaning up");
};

var report = new Report(options, options.NodeAssembly);
report.PrintHeader();
foreach (var database in options.Databases)
{
    try
    {
        await DatabaseRun.RunAsync(database, options, report, cancel.Token);
    }
    catch (OperationCanceledException) when (cancel.IsCancellationRequested)
    {
        report.Note($"{database}: stopped by the user.");
        break;
    }
    catch (Exception e)
    {
        // The database itself could not be had (a private server that would not start): the next one may.
        report.Add(ResultRow.Failed(database, "start", "", e.Message));
    }
}

await report.WriteAsync(options.Results);
Console.WriteLine();
Console.WriteLine(report.Markdown());
Console.WriteLine($"Results: {Path.GetFullPath(options.Results)} (results.json, results.md, the nodes' logs)");
return report.Passed ? 0 : 1;
