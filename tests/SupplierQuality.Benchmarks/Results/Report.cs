using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SupplierQuality.Benchmarks.Results;

/// <summary>The run's table: printed at the end, and written as results.json and results.md to the results folder.</summary>
internal sealed class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly List<ResultRow> _rows = [];
    private readonly List<string> _notes = [];

    public Report(BenchmarkOptions options, string nodeAssembly)
    {
        ArgumentNullException.ThrowIfNull(options);
        Machine = new Dictionary<string, string>
        {
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant),
            ["os"] = RuntimeInformation.OSDescription,
            ["cpu"] = $"{CpuModel()} ({Environment.ProcessorCount} cores)",
            ["memory"] = MemoryTotal(),
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["node"] = nodeAssembly,
            ["commit"] = Commit(Path.GetDirectoryName(Path.GetFullPath(nodeAssembly))!),
            ["workDirectory"] = $"{options.WorkDirectory} ({FileSystem(options.WorkDirectory)})",
            ["loadAtStart"] = LoadAverage(),
            ["sizes"] = string.Create(Invariant, $"--suppliers {options.Suppliers} --contacts {options.Contacts} --import-suppliers {options.ImportSuppliers} --seconds {options.Seconds} --clients {string.Join(',', options.Clients)} --raw-seconds {options.RawSeconds} --connections {string.Join(',', options.Connections)} --read-requests {options.ReadRequests} --read-clients {options.ReadClients} --answer-rate {options.AnswerRate}"),
            ["nodeSettings"] = string.Join(' ', options.NodeSettings.Select(s => $"{s.Key}={s.Value}")),
        };
    }

    public Dictionary<string, string> Machine { get; }

    public IReadOnlyList<ResultRow> Rows => _rows;

    public bool Passed => _rows.All(r => r.Passed);

    public void Add(ResultRow row) => _rows.Add(row);

    public void AddRange(IEnumerable<ResultRow> rows) => _rows.AddRange(rows);

    /// <summary>A sentence printed under the table (what was skipped, where the logs are).</summary>
    public void Note(string note)
    {
        _notes.Add(note);
        Progress.Say(note);
    }

    public void PrintHeader()
    {
        foreach (var (key, value) in Machine)
        {
            Console.WriteLine($"{key}: {value}");
        }
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| database | scenario | cell | count | s | per s | p50 ms | p95 ms | p99 ms | node peak MiB | node CPU s | db CPU s | client CPU s | CPU ms/op | check |");
        text.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in _rows)
        {
            text.AppendLine(string.Join(" | ", [
                $"| {r.Database}", r.Scenario, r.Cell, r.Count.ToString("N0", Invariant), Number(r.Seconds, "N1"), Number(r.PerSecond, "N0"),
                Number(r.P50Ms, "N1"), Number(r.P95Ms, "N1"), Number(r.P99Ms, "N1"), Number(r.NodePeakMiB, "N0"), Number(r.NodeCpuSeconds, "N1"),
                Number(r.DatabaseCpuSeconds, "N1"), Number(r.ClientCpuSeconds, "N1"), Number(r.CpuMsPerOperation, "N2"),
                (r.Passed ? "" : "**FAILED** ") + r.Check + " |",
            ]));
        }

        return text.ToString();
    }

    public async Task WriteAsync(string folder)
    {
        Machine["loadAtEnd"] = LoadAverage();
        Directory.CreateDirectory(folder);
        var json = new
        {
            machine = Machine,
            passed = Passed,
            rows = _rows,
            notes = _notes,
        };
        await File.WriteAllTextAsync(
            Path.Combine(folder, "results.json"),
            JsonSerializer.Serialize(json, Json));
        var markdown = new StringBuilder("# Benchmark results\n\n");
        foreach (var (key, value) in Machine)
        {
            markdown.AppendLine(Invariant, $"- {key}: {value}");
        }

        markdown.AppendLine().Append(Markdown());
        foreach (var note in _notes)
        {
            markdown.AppendLine().AppendLine(note);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "results.md"), markdown.ToString());
    }

    private static string Number(double? value, string format) => value?.ToString(format, Invariant) ?? "";

    private static string CpuModel()
    {
        const string key = "model name";
        return File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string MemoryTotal()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Invariant, out var kib)
            ? string.Create(Invariant, $"{kib / (1024.0 * 1024):N1} GiB")
            : "unknown";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The filesystem type of the folder (a tmpfs would make every flush free and the figures meaningless).</summary>
    private static string FileSystem(string folder)
    {
        if (!File.Exists("/proc/mounts"))
        {
            return "unknown filesystem";
        }

        var full = Path.GetFullPath(folder);
        var mount = File.ReadLines("/proc/mounts")
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 2 && full.StartsWith(f[1], StringComparison.Ordinal))
            .MaxBy(f => f[1].Length);
        return mount is null ? "unknown filesystem" : $"{mount[2]} on {mount[0]}";
    }

    /// <summary>The commit the node was built from, with "-dirty" when the tree had changes: the run measures what was there.</summary>
    private static string Commit(string folder)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", folder, "describe", "--always", "--dirty"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return "unknown";
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no git)";
        }
    }
}
