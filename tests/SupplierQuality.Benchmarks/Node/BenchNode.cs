using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SupplierQuality.Benchmarks.Node;

/// <summary>
/// A node in its own process, started from the built SupplierQuality.Web.dll as an operator would start it
/// (Production environment, configuration in environment variables), so its memory and CPU are its own. Its log goes
/// to a file; warnings and errors are counted as they arrive.
/// </summary>
internal sealed partial class BenchNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly Queue<string> _lastLines = new();
    private readonly Dictionary<string, long> _warningCategories = new(StringComparer.Ordinal);
    private long _warnings;
    private long _errors;
    private bool _peakWasReset;

    private BenchNode(Process process, Uri baseAddress, StreamWriter log)
    {
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts the node and waits until /health/ready answers (the silo is up and the database answers).</summary>
    public static async Task<BenchNode> StartAsync(
        string assembly, IReadOnlyDictionary<string, string?> settings, string logPath, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // The content root: appsettings.json (log levels) is read from here, as when an operator runs the node.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(assembly))!,
        };
        info.ArgumentList.Add(Path.GetFullPath(assembly));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        info.Environment["Node__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        info.Environment["Node__AdvertisedIPAddress"] = "127.0.0.1";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var log = new StreamWriter(logPath) { AutoFlush = false };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the node process.");
        var node = new BenchNode(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")), log);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilReadyAsync(TimeSpan.FromMinutes(2), cancellationToken);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the node wrote, for an error message.</summary>
    public string LastLines
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    public TimeSpan? Cpu()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public long WorkingSet()
    {
        try
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>Resets the kernel's high-water mark of the node's resident memory (VmHWM), so the next peak is this window's.</summary>
    public void ResetPeakWorkingSet() => _peakWasReset = ProcessStat.ResetPeakWorkingSet(_process.Id);

    /// <summary>VmHWM since the last reset; null when it could not be reset (then only the samples count).</summary>
    public long? PeakWorkingSetSinceReset()
    {
        if (!_peakWasReset)
        {
            return null;
        }

        try
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public NodeLogCounts LogCounts()
    {
        lock (_gate)
        {
            return new NodeLogCounts(_warnings, _errors, new Dictionary<string, long>(_warningCategories, StringComparer.Ordinal));
        }
    }

    /// <summary>Stops the node as a service manager would (SIGTERM, a graceful shutdown), killing it if that takes too long.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                if (term is not null)
                {
                    await term.WaitForExitAsync();
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        // Output read to its end before the log is closed.
        _process.WaitForExit();
        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _log.WriteLine(line);
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }

            var match = LevelAndCategory().Match(line);
            if (match.Success)
            {
                switch (match.Groups["level"].Value)
                {
                    case "Warning":
                        _warnings++;
                        var category = match.Groups["category"].Value;
                        _warningCategories[category] = _warningCategories.GetValueOrDefault(category) + 1;
                        break;
                    case "Error" or "Critical":
                        _errors++;
                        break;
                }
            }
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The node exited with code {_process.ExitCode}:\n{LastLines}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A start-up that holds the request: try again.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The node was not ready within {timeout}:\n{LastLines}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The level and category of a line of the JSON console log (the node's Production format).</summary>
    [GeneratedRegex("\"LogLevel\":\"(?<level>\\w+)\",\"Category\":\"(?<category>[^\"]*)\"")]
    private static partial Regex LevelAndCategory();
}
