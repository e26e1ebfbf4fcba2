using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SupplierQuality.Benchmarks.Databases;

/// <summary>
/// A throw-away PostgreSQL server in a temporary directory on a free loopback port, started from the server
/// binaries (<c>initdb</c>, <c>pg_ctl</c>) like the integration tests' fixture, but with PostgreSQL's default
/// durability (fsync and synchronous commit on), since the figures should say what a real server does.
/// As root it runs as the <c>postgres</c> user, since PostgreSQL refuses root.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly string? _runAs;

    private PrivatePostgres(string bin, string root, string? runAs, int port)
    {
        _bin = bin;
        _root = root;
        _runAs = runAs;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            MaxPoolSize = 100,
        }.ConnectionString;
    }

    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The postmaster's process id, parent of every server process (from postmaster.pid).</summary>
    public int? PostmasterPid =>
        File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))
        && int.TryParse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;

    /// <summary>Starts a server, or returns null (with the reason) when the binaries are not installed.</summary>
    /// <param name="parent">The folder to make the server's folder in; by default the temporary folder.</param>
    public static async Task<(PrivatePostgres? Server, string? Missing)> StartAsync(string? parent = null)
    {
        var bin = FindBinDirectory();
        if (bin is null)
        {
            return (null, "PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql or pass --postgres \"<connection string>\"");
        }

        var runAs = string.Equals(Environment.UserName, "root", StringComparison.Ordinal) ? "postgres" : null;
        // As root the server runs as postgres, who must be able to reach the folder: /tmp, unless told otherwise.
        var root = Path.Combine(parent ?? (runAs is null ? Path.GetTempPath() : "/tmp"), $"sq-bench-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var port = FreePort();
        var server = new PrivatePostgres(bin, root, runAs, port);
        if (runAs is not null)
        {
            await RunAsync("chown", ["-R", $"{runAs}:", root]);
        }

        await server.ToolAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C"]);
        await File.AppendAllTextAsync(Path.Combine(server.DataDirectory, "postgresql.conf"), string.Create(
            CultureInfo.InvariantCulture,
            $"\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{root}'\nmax_connections = 200\n"));
        await server.ToolAsync("pg_ctl", ["start", "-D", server.DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60"]);
        return (server, null);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w"]);
        Directory.Delete(_root, recursive: true);
    }

    private Task ToolAsync(string tool, IReadOnlyList<string> arguments) => _runAs is null
        ? RunAsync(Path.Combine(_bin, tool), arguments)
        : RunAsync("runuser", ["-u", _runAs, "--", Path.Combine(_bin, tool), .. arguments], _root);

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stdout}{await stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindBinDirectory()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .ToList();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }
}
