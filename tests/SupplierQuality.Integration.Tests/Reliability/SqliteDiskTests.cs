using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Reliability;

/// <summary>
/// The embedded default (one node, the SQLite file) when the disk under the file fills up or the file turns read-only:
/// survey clients keep answering through the form; writes answer a clear 503, nothing acknowledged is lost, the node
/// logs which file and why, and it resumes on its own once there is space or write permission again.
/// </summary>
[Collection(ReliabilityDefinition.Name)]
public sealed class SqliteDiskTests
{
    private const int Clients = 16;
    private const int InvitationsPerClient = 4;
    private static readonly TimeSpan Full = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_disk_under_the_SQLite_file_full_for_10_seconds_under_load_loses_nothing_acknowledged_and_the_node_resumes_on_its_own()
    {
        await using var disk = await SmallDisk.MountOrSkipAsync(megabytes: 48);
        var file = Path.Combine(disk.Path, "node.db");
        var settings = SurveyLoad.Settings();
        settings["Storage:Provider"] = null;
        settings["Storage:SqlitePath"] = file;
        await using var node = await TestNode.StartAsync(settings);
        using var log = new LogCapture();
        node.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var load = await SurveyLoad.PrepareAsync(node, Clients, InvitationsPerClient);
        long filled = 0;

        var report = await load.RunAsync(
            warmUp: TimeSpan.FromSeconds(4),
            fault: async () =>
            {
                // SQLite writes its log over the space it already has once a checkpoint has been through it, so a full
                // disk alone may never be felt. Emptied first, the log must grow again, into the full disk.
                await TruncateWriteAheadLogAsync(file);
                filled = disk.Fill();
                await Task.Delay(Full, TestContext.Current.CancellationToken);
                disk.Free();
            },
            recoveryLimit: TimeSpan.FromSeconds(45),
            settle: TimeSpan.FromSeconds(3));
        TestContext.Current.TestOutputHelper?.WriteLine($"{filled:N0} bytes filled; {report}");

        PostgresOutageTests.AssertClearAnswers(report);
        Assert.True(report.FormKept + report.ClearPage > 0, $"The full disk was not felt: {report}");
        var (versions, submitted) = await load.AssertNothingAcknowledgedLostAsync(report);
        TestContext.Current.TestOutputHelper?.WriteLine($"{versions} versions stored over {submitted} submitted invitations");
        AssertLogged(log, file, "SQLITE_FULL");
    }

    [Fact]
    public async Task The_SQLite_file_read_only_for_10_seconds_under_load_loses_nothing_acknowledged_and_the_node_resumes_on_its_own()
    {
        ReadOnlyFiles.SkipUnlessPossible();
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "node.db");
        var settings = SurveyLoad.Settings();
        settings["Storage:Provider"] = null;
        settings["Storage:SqlitePath"] = file;
        await using var node = await TestNode.StartAsync(settings);
        using var log = new LogCapture();
        node.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var load = await SurveyLoad.PrepareAsync(node, Clients, InvitationsPerClient);
        await using var readOnly = new ReadOnlyFiles();

        var report = await load.RunAsync(
            warmUp: TimeSpan.FromSeconds(4),
            fault: async () =>
            {
                // Not the -shm index: SQLite maps it into memory, and a mapped file that cannot grow kills the process
                // (SIGBUS) instead of failing a write. It holds no data; the file and its log hold every byte.
                await readOnly.SetAsync(file, file + "-wal");
                await Task.Delay(Full, TestContext.Current.CancellationToken);
                await readOnly.ClearAsync();
            },
            recoveryLimit: TimeSpan.FromSeconds(45),
            settle: TimeSpan.FromSeconds(3));
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());

        PostgresOutageTests.AssertClearAnswers(report);
        Assert.True(report.FormKept + report.ClearPage > 0, $"The read-only file was not felt: {report}");
        var (versions, submitted) = await load.AssertNothingAcknowledgedLostAsync(report);
        TestContext.Current.TestOutputHelper?.WriteLine($"{versions} versions stored over {submitted} submitted invitations");
        AssertLogged(log, file, "SQLITE_");
    }

    /// <summary>Checkpoints the file and cuts its write-ahead log to nothing, retrying while the node's writes hold it.</summary>
    private static async Task TruncateWriteAheadLogAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False;Default Timeout=5");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var result = await checkpoint.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            if (await result.ReadAsync(TestContext.Current.CancellationToken) && result.GetInt32(0) == 0)
            {
                return;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Fail("The node's writes never let the write-ahead log be truncated.");
    }

    /// <summary>A line that names the file and the cause (the SQLite code), and says what to do.</summary>
    private static void AssertLogged(LogCapture log, string file, string cause)
    {
        var lines = log.Lines.Where(l => l.Contains(cause, StringComparison.Ordinal) && l.Contains(file, StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count > 0, $"No log line names the file and the cause:\n{string.Join("\n", log.Lines.Take(20))}");
        TestContext.Current.TestOutputHelper?.WriteLine(lines[0]);
    }
}
