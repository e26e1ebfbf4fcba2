using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Hosting;

/// <summary>
/// Two nodes in two processes (this test process and a child) cluster through the PostgreSQL membership table.
/// </summary>
public sealed class ClusterTests(PostgresServer postgres)
{
    private const int SupplierCount = 12;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_nodes_form_one_cluster_and_the_survivor_serves_when_one_is_killed()
    {
        postgres.RequireAvailable();
        var settings = await postgres.NodeSettingsAsync();
        await using var survivor = await TestNode.StartAsync(settings);
        await using var victim = await NodeProcess.StartAsync(settings);
        var key = await survivor.CreateApiKeyAsync(Roles.QualityManager);
        using var victimClient = NodeDurabilityTests.ApiClient(victim.BaseAddress, key);
        using var survivorClient = NodeDurabilityTests.ApiClient(survivor.BaseAddress, key);

        await WaitForActiveSilosAsync(survivorClient, 2);

        // Random placement spreads these grains over both silos, so some live in the process about to die.
        var locations = new List<Uri>();
        for (var i = 0; i < SupplierCount; i++)
        {
            using var created = await victimClient.PostAsJsonAsync(
                new Uri("/api/suppliers", UriKind.Relative), new { name = $"Clustered supplier {i:D2}" }, Cancel);
            Assert.True(created.StatusCode == HttpStatusCode.Created, victim.Output);
            locations.Add(created.Headers.Location!);
        }

        foreach (var location in locations)
        {
            using var seen = await survivorClient.GetAsync(location, Cancel);
            Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        }

        await victim.KillAsync();

        // Calls to grains that lived on the dead silo wait until membership declares it dead; then they
        // activate here from the state in PostgreSQL.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        foreach (var location in locations)
        {
            var supplier = await GetWhenServedAsync(survivorClient, location, timeout.Token);
            Assert.StartsWith("Clustered supplier", supplier.GetProperty("name").GetString(), StringComparison.Ordinal);
        }

        var list = await GetWhenServedAsync(survivorClient, new Uri("/api/suppliers", UriKind.Relative), timeout.Token);
        Assert.Equal(SupplierCount, list.GetProperty("total").GetInt32());
    }

    /// <summary>
    /// Until the dead silo is voted out, a call routed to it times out and the node answers with an error: retry.
    /// </summary>
    private static async Task<JsonElement> GetWhenServedAsync(HttpClient client, Uri location, CancellationToken cancel)
    {
        while (true)
        {
            using var response = await client.GetAsync(location, cancel);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>(cancel);
            }

            Assert.True((int)response.StatusCode >= 500, $"Unexpected {(int)response.StatusCode} for {location}");
            await Task.Delay(500, cancel);
        }
    }

    private static async Task WaitForActiveSilosAsync(HttpClient client, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string description = "";
        while (DateTime.UtcNow < deadline)
        {
            var ready = await client.GetFromJsonAsync<JsonElement>(new Uri("/health/ready", UriKind.Relative), Cancel);
            description = ready.GetProperty("checks").GetProperty("silo").GetProperty("description").GetString() ?? "";
            if (description.Contains($"{count} active silos", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(250, Cancel);
        }

        Assert.Fail($"The cluster did not reach {count} active silos: {description}");
    }
}
