using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Hosting;

/// <summary>
/// Many clients writing at once to a node on the embedded SQLite file: SQLite has one writer at a time, so the
/// node's writes queue on the file (WAL, busy timeout) and must neither fail nor get lost.
/// </summary>
public sealed class SqliteConcurrencyTests
{
    private const int Clients = 32;
    private const int UpdatesPerClient = 4;

    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thirty_two_concurrent_clients_get_no_server_error_and_every_acknowledged_write_survives_a_restart()
    {
        using var directory = new TemporaryDirectory();
        var settings = directory.SqliteNodeSettings();

        string key;
        ClientRun[] runs;
        await using (var node = await TestNode.StartAsync(settings))
        {
            key = await node.CreateApiKeyAsync(Roles.QualityManager);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(WriteTimeout);
            // Every client waits at the gate so the first writes really do arrive together.
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clients = Enumerable.Range(0, Clients)
                .Select(i => Task.Run(() => WriteAsync(node.BaseAddress, key, i, gate.Task, timeout.Token), timeout.Token))
                .ToArray();
            gate.SetResult();
            runs = await Task.WhenAll(clients);

            Assert.Empty(runs.SelectMany(r => r.Failures));
            await AssertAcknowledgedWritesAreThereAsync(node.BaseAddress, key, runs);
        }

        await using (var restarted = await TestNode.StartAsync(settings))
        {
            await AssertAcknowledgedWritesAreThereAsync(restarted.BaseAddress, key, runs);
        }
    }

    /// <summary>One client: creates its supplier, then replaces it several times, each time with the version it was given.</summary>
    private static async Task<ClientRun> WriteAsync(Uri baseAddress, string key, int client, Task gate, CancellationToken cancel)
    {
        using var api = NodeDurabilityTests.ApiClient(baseAddress, key);
        var failures = new List<string>();
        await gate;

        using var created = await api.PostAsJsonAsync(
            new Uri("/api/suppliers", UriKind.Relative),
            new { name = $"Concurrent {client:D2}", contacts = new[] { new { name = "First", email = $"first{client}@concurrent.example" } } },
            cancel);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            failures.Add($"client {client} create: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancel)}");
            return new ClientRun(null, null, failures);
        }

        var location = created.Headers.Location!;
        var acknowledged = await created.Content.ReadAsStringAsync(cancel);
        for (var update = 1; update <= UpdatesPerClient; update++)
        {
            var version = JsonDocument.Parse(acknowledged).RootElement.GetProperty("version").GetInt32();
            using var response = await api.PutAsJsonAsync(
                location,
                new
                {
                    name = $"Concurrent {client:D2} revision {update}",
                    category = $"category-{update}",
                    contacts = new[] { new { name = $"Contact {update}", email = $"c{update}.{client}@concurrent.example" } },
                    version,
                },
                cancel);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"client {client} update {update}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancel)}");
                break;
            }

            acknowledged = await response.Content.ReadAsStringAsync(cancel);
        }

        return new ClientRun(location, acknowledged, failures);
    }

    /// <summary>Each supplier reads back exactly as its last acknowledged answer showed it, and the list counts them all.</summary>
    private static async Task AssertAcknowledgedWritesAreThereAsync(Uri baseAddress, string key, IReadOnlyList<ClientRun> runs)
    {
        using var api = NodeDurabilityTests.ApiClient(baseAddress, key);
        foreach (var run in runs)
        {
            Assert.Equal(run.Acknowledged, await api.GetStringAsync(run.Location, Cancel));
        }

        var list = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/suppliers?pageSize=100", UriKind.Relative), Cancel);
        Assert.Equal(Clients, list.GetProperty("total").GetInt32());
        var names = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(
            Enumerable.Range(0, Clients).Select(i => $"Concurrent {i:D2} revision {UpdatesPerClient}"),
            names);
    }

    private sealed record ClientRun(Uri? Location, string? Acknowledged, IReadOnlyList<string> Failures);
}
