using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Integration.Tests.Hosting;

/// <summary><c>backup --to</c> copies a running node's SQLite file into a file another node starts from.</summary>
public sealed class BackupTests
{
    private const int SuppliersBeforeBackup = 8;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backup_taken_while_the_node_runs_and_writes_starts_a_node_with_everything_acknowledged_before_it()
    {
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "node.db");
        var backup = Path.Combine(directory.Path, "backups", "node-backup.db");

        string key;
        var before = new Dictionary<Uri, string>();
        await using (var node = await TestNode.StartAsync(Settings(file)))
        {
            key = await node.CreateApiKeyAsync(Roles.QualityManager);
            using var api = NodeDurabilityTests.ApiClient(node.BaseAddress, key);
            for (var i = 0; i < SuppliersBeforeBackup; i++)
            {
                var location = await CreateSupplierAsync(api, $"Backed Up {i:D2}", Cancel);
                before[location] = await api.GetStringAsync(location, Cancel);
            }

            // Writes keep going during the backup, as they would on a node in use.
            using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writer = KeepWritingAsync(api, writing, stopWriting.Token);
            // The writer finishing first can only mean it failed: awaiting it then surfaces why.
            await await Task.WhenAny(writing.Task, writer);
            var exitCode = await NodeCommands.Find(["backup"])!(
                ["backup", "--to", backup, "--Storage:Provider=Sqlite", $"--Storage:SqlitePath={file}"]);
            await stopWriting.CancelAsync();
            await writer;

            Assert.Equal(0, exitCode);
        }

        await using var restored = await TestNode.StartAsync(Settings(backup));
        using var restoredApi = NodeDurabilityTests.ApiClient(restored.BaseAddress, key);
        foreach (var (location, json) in before)
        {
            Assert.Equal(json, await restoredApi.GetStringAsync(location, Cancel));
        }

        var list = await restoredApi.GetFromJsonAsync<JsonElement>(new Uri("/api/suppliers?pageSize=200", UriKind.Relative), Cancel);
        Assert.InRange(list.GetProperty("total").GetInt32(), SuppliersBeforeBackup, int.MaxValue);
    }

    [Fact]
    public async Task A_backup_refuses_to_overwrite_an_existing_file()
    {
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "node.db");
        var existing = Path.Combine(directory.Path, "existing.db");
        await File.WriteAllTextAsync(existing, "keep me", Cancel);
        await using var node = await TestNode.StartAsync(Settings(file));

        var exitCode = await NodeCommands.Find(["backup"])!(
            ["backup", "--to", existing, "--Storage:Provider=Sqlite", $"--Storage:SqlitePath={file}"]);

        Assert.Equal(2, exitCode);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing, Cancel));
    }

    private static Dictionary<string, string?> Settings(string file) => new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = file,
    };

    private static async Task<Uri> CreateSupplierAsync(HttpClient api, string name, CancellationToken cancel)
    {
        using var created = await api.PostAsJsonAsync(
            new Uri("/api/suppliers", UriKind.Relative),
            new { name, contacts = new[] { new { name = "Bea", email = $"bea.{Guid.NewGuid():N}@backup.example" } } },
            cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created.Headers.Location!;
    }

    private static async Task KeepWritingAsync(HttpClient api, TaskCompletionSource writing, CancellationToken stop)
    {
        try
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await CreateSupplierAsync(api, $"Written During Backup {i:D3}", stop);
                writing.TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped mid-request: that write may or may not have landed, and the test does not count on it.
        }
    }
}
