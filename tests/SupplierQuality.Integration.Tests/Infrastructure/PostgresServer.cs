using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using SupplierQuality.Integration.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresServer))]

namespace SupplierQuality.Integration.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL server for the whole test run: a fresh cluster in a temporary directory, listening on
/// a free loopback port with trust authentication, removed when the run ends. It starts on first use, so runs
/// that need no PostgreSQL pay nothing. Tests get a database of their own from <see cref="CreateDatabaseAsync"/>.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so as root (containers, CI) the server runs as the <c>postgres</c> user
/// (or <c>nobody</c>) through <c>runuser</c>. Without the server binaries a test is skipped, or fails when
/// <c>CI=true</c> so a broken CI image cannot pass silently.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Superuser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private Task? _start;
    private string? _binDirectory;
    private string? _missingReason;
    private string? _runAs;
    private string? _root;
    private int _port;
    private int _databaseCount;

    private string DataDirectory => Path.Combine(_root!, "data");

    private string SocketDirectory => Path.Combine(_root!, "sock");

    private string LogFile => Path.Combine(_root!, "server.log");

    public ValueTask InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        if (_binDirectory is null)
        {
            _missingReason = "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH; install postgresql to run this test";
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Skips the calling test when there is no PostgreSQL to run (fails it instead on CI).</summary>
    public void RequireAvailable()
    {
        if (_missingReason is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{_missingReason} (CI=true, so this is an error rather than a skip).");
        }

        Assert.Skip(_missingReason);
    }

    /// <summary>Creates an empty database with a unique name and returns an Npgsql connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        RequireAvailable();
        await EnsureStartedAsync();

        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"sq_{Interlocked.Increment(ref _databaseCount)}_{Guid.NewGuid():N}");
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name, pooling: true);
    }

    /// <summary>The settings of a node that keeps its data in a new, empty database of this server.</summary>
    public async Task<Dictionary<string, string?>> NodeSettingsAsync() => new()
    {
        ["Storage:Provider"] = null,
        ["ConnectionStrings:SupplierQuality"] = await CreateDatabaseAsync(),
    };

    /// <summary>
    /// Stops the server as an operator or a crash would (<c>pg_ctl stop -m fast</c>: open connections are cut, the
    /// port closes). Shared by every test of the run, so only tests that own the outage (the reliability collection,
    /// run alone) may call it; <see cref="StartAgainAsync"/> brings it back on the same port.
    /// </summary>
    public async Task StopAsync()
    {
        await EnsureStartedAsync();
        await RunPostgresToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], TimeSpan.FromSeconds(40));
    }

    /// <summary>Starts the server stopped by <see cref="StopAsync"/> again, on the same port and data, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        await EnsureStartedAsync();
        await RunPostgresToolAsync(
            "pg_ctl",
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)],
            StartTimeout + TimeSpan.FromSeconds(10));
        await WaitUntilAcceptingConnectionsAsync();
    }

    /// <summary>
    /// Ends every server process of <paramref name="connectionString"/>'s database, as a failover does to the
    /// connections of a node; returns how many were ended.
    /// </summary>
    public async Task<int> TerminateBackendsAsync(string connectionString)
    {
        await EnsureStartedAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = @database) AS ended",
            connection);
        command.Parameters.AddWithValue("database", database!);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_start is not null && _root is not null)
        {
            // Pooled connections would only see their server vanish; drop them first.
            NpgsqlConnection.ClearAllPools();
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunPostgresToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], TimeSpan.FromSeconds(30), throwOnError: false);
            }
        }

        if (_root is not null && Directory.Exists(_root))
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary directory is not worth failing the run for.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        _startLock.Dispose();
    }

    private string ConnectionString(string database, bool pooling) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = Superuser,
        Database = database,
        Pooling = pooling,
        IncludeErrorDetail = true,

        // Every test has a database and so a pool of its own; idle connections of finished tests would otherwise
        // hold server slots for Npgsql's default five minutes, and a long run ran out of them (53300).
        ConnectionIdleLifetime = 5,
        ConnectionPruningInterval = 1,
    }.ConnectionString;

    private async Task EnsureStartedAsync()
    {
        // A failed start is remembered, so every test that needs the server reports the same cause quickly.
        await _startLock.WaitAsync();
        try
        {
            _start ??= StartAsync();
        }
        finally
        {
            _startLock.Release();
        }

        await _start;
    }

    private async Task StartAsync()
    {
        var isRoot = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        if (isRoot)
        {
            _runAs = await UserExistsAsync("postgres") ? "postgres" : "nobody";
        }

        // As root the server user must be able to reach the directory, which a private TMPDIR may not allow.
        var tempRoot = isRoot && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
        _root = Path.Combine(tempRoot, $"sq-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(SocketDirectory);
        if (_runAs is not null)
        {
            await RunAsync("chown", ["-R", $"{_runAs}:", _root], TimeSpan.FromSeconds(30));
        }

        await RunPostgresToolAsync(
            "initdb",
            ["-D", DataDirectory, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
            TimeSpan.FromSeconds(120));

        _port = FreePort.Next();
        var settings = new StringBuilder()
            .AppendLine()
            .AppendLine("# Test server: loopback only, no durability (the data is thrown away).")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine(CultureInfo.InvariantCulture, $"port = {_port}")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = '{SocketDirectory}'")
            .AppendLine("fsync = off")
            .AppendLine("synchronous_commit = off")
            .AppendLine("full_page_writes = off")
            .AppendLine("max_connections = 300")
            .AppendLine("shared_buffers = 64MB")
            .AppendLine("log_min_messages = warning");
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings.ToString());
        await File.WriteAllTextAsync(
            Path.Combine(DataDirectory, "pg_hba.conf"),
            "local all all trust\nhost all all 127.0.0.1/32 trust\n");

        var started = await RunPostgresToolAsync(
            "pg_ctl",
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)],
            StartTimeout + TimeSpan.FromSeconds(10),
            throwOnError: false);
        if (started.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgreSQL did not start (pg_ctl exit code {started.ExitCode}):\n{started.Output}\n{ReadLog()}");
        }

        await WaitUntilAcceptingConnectionsAsync();
    }

    private async Task WaitUntilAcceptingConnectionsAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (NpgsqlException ex)
            {
                throw new InvalidOperationException($"PostgreSQL started but does not accept connections on 127.0.0.1:{_port}: {ex.Message}\n{ReadLog()}", ex);
            }
        }
    }

    private string ReadLog()
    {
        try
        {
            return File.Exists(LogFile) ? $"--- server log ---\n{File.ReadAllText(LogFile)}" : "(no server log)";
        }
        catch (IOException ex)
        {
            return $"(server log unreadable: {ex.Message})";
        }
    }

    private Task<ProcessResult> RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, bool throwOnError = true)
    {
        var executable = Path.Combine(_binDirectory!, tool);
        if (_runAs is null)
        {
            return RunAsync(executable, arguments, timeout, throwOnError);
        }

        return RunAsync("runuser", ["-u", _runAs, "--", executable, .. arguments], timeout, throwOnError);
    }

    private async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, bool throwOnError = true)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server user cannot necessarily enter the test's working directory (e.g. /root).
            WorkingDirectory = _root ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeoutSource = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        var result = new ProcessResult(process.ExitCode, $"{await stdout}{await stderr}");
        if (throwOnError && result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed with exit code {result.ExitCode}:\n{result.Output}\n{ReadLogIfAny()}");
        }

        return result;
    }

    private string ReadLogIfAny() => _root is null ? string.Empty : ReadLog();

    private async Task<bool> UserExistsAsync(string user)
    {
        var result = await RunAsync("getent", ["passwd", user], TimeSpan.FromSeconds(10), throwOnError: false);
        return result.ExitCode == 0;
    }

    private static string? FindBinDirectory()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .ToList();

        // Debian keeps the server binaries off PATH; take the newest installed version as a fallback.
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            candidates.AddRange(Directory.GetDirectories(debianRoot)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d =>
            File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "postgres")));
    }

    private sealed record ProcessResult(int ExitCode, string Output);
}
