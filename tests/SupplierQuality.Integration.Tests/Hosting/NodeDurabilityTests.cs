using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Hosting;

/// <summary>What a node acknowledged is there after it stops and a new one starts on the same database.</summary>
public sealed class NodeDurabilityTests(PostgresServer postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Supplier_survives_a_restart_on_PostgreSQL()
    {
        postgres.RequireAvailable();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = null,
            ["ConnectionStrings:SupplierQuality"] = await postgres.CreateDatabaseAsync(),
        };

        await AssertSupplierSurvivesRestartAsync(settings);
    }

    [Fact]
    public async Task Supplier_survives_a_restart_on_the_embedded_SQLite_default()
    {
        using var directory = new TemporaryDirectory();
        var settings = new Dictionary<string, string?>
        {
            // No provider and no connection string: the default a newcomer gets.
            ["Storage:Provider"] = null,
            ["Storage:SqlitePath"] = Path.Combine(directory.Path, "node.db"),
        };

        await AssertSupplierSurvivesRestartAsync(settings);
        Assert.True(File.Exists(Path.Combine(directory.Path, "node.db")));
    }

    [Fact]
    public async Task Second_node_on_the_same_SQLite_file_refuses_to_start()
    {
        using var directory = new TemporaryDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = Path.Combine(directory.Path, "node.db"),
        };
        await using var first = await TestNode.StartAsync(settings);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(settings));

        Assert.Contains("Another node is already using the SQLite database", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_reports_the_silo_and_the_database()
    {
        using var directory = new TemporaryDirectory();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = Path.Combine(directory.Path, "node.db"),
        });
        using var client = node.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Cancel);
        var ready = await client.GetFromJsonAsync<JsonElement>(new Uri("/health/ready", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("silo").GetProperty("status").GetString());
    }

    private static async Task AssertSupplierSurvivesRestartAsync(Dictionary<string, string?> settings)
    {
        string location;
        string key;
        await using (var node = await TestNode.StartAsync(settings))
        {
            key = await node.CreateApiKeyAsync(Roles.QualityManager);
            using var client = ApiClient(node.BaseAddress, key);
            using var created = await client.PostAsJsonAsync(
                new Uri("/api/suppliers", UriKind.Relative),
                new { name = "Durable Castings Ltd", category = "castings", contacts = new[] { new { name = "Ana", email = "ana@castings.example" } } },
                Cancel);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            location = created.Headers.Location!.ToString();
        }

        await using (var restarted = await TestNode.StartAsync(settings))
        {
            // The key is a grain too: it must have survived as well.
            using var client = ApiClient(restarted.BaseAddress, key);
            var supplier = await client.GetFromJsonAsync<JsonElement>(new Uri(location, UriKind.RelativeOrAbsolute), Cancel);
            Assert.Equal("Durable Castings Ltd", supplier.GetProperty("name").GetString());
            Assert.Equal("ana@castings.example", supplier.GetProperty("contacts")[0].GetProperty("email").GetString());

            var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/suppliers", UriKind.Relative), Cancel);
            Assert.Equal(1, list.GetProperty("total").GetInt32());
        }
    }

    internal static HttpClient ApiClient(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : error.ToString();
}
