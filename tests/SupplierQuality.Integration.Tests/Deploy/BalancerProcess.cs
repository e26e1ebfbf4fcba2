using System.Diagnostics;
using System.Text;

namespace SupplierQuality.Integration.Tests.Deploy;

/// <summary>
/// The load balancer of deploy/loadbalancer in a child process, started from its build beside the tests (the test
/// project references it), in front of node processes, as deploy/local/cluster.sh runs it.
/// </summary>
public sealed class BalancerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BalancerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts it on <paramref name="port"/>, checking the nodes every <paramref name="healthInterval"/>, and waits until a node answers through it.</summary>
    public static async Task<BalancerProcess> StartAsync(int port, IEnumerable<Uri> nodes, TimeSpan healthInterval)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SupplierQuality.LoadBalancer.dll"));
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Balancer__Nodes"] = string.Join(",", nodes.Select(n => n.GetLeftPart(UriPartial.Authority)));
        info.Environment["Balancer__HealthCheckInterval"] = healthInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Balancer__HealthCheckTimeout"] = healthInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the load balancer process");
        var balancer = new BalancerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => balancer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => balancer.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await balancer.WaitUntilServingAsync(TimeSpan.FromSeconds(30));
        return balancer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The load balancer exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Nothing answered through the load balancer within {timeout}:\n{Output}");
    }
}
