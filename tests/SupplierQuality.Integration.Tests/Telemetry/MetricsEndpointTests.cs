using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Web.Telemetry;

namespace SupplierQuality.Integration.Tests.Telemetry;

public sealed class MetricsEndpointTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_answer_on_the_management_port_and_not_on_the_public_one_whoever_asks()
    {
        var port = FreePort.Next();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Telemetry:MetricsPort"] = port.ToString(CultureInfo.InvariantCulture),
        });
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var anonymous = node.CreateClient();
        using var admin = await node.CreateSignedInClientAsync(Roles.Admin);

        using var scrape = await scraper.GetAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE ", await scrape.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        foreach (var client in new[] { anonymous, admin })
        {
            using var answer = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.DoesNotContain("# TYPE ", await answer.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        // The management port serves nothing of the application.
        foreach (var path in new[] { "/", "/api/suppliers", "/account/sign-in", "/health/ready", "/admin/dashboard/" })
        {
            using var answer = await scraper.GetAsync(new Uri(path, UriKind.Relative), Cancel);
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)answer.StatusCode} on the metrics port");
        }
    }

    [Fact]
    public async Task The_supplier_metrics_pages_keep_their_paths_beside_the_scrape()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Telemetry:MetricsPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        });
        using var manager = await node.CreateSignedInClientAsync(Roles.QualityManager);

        using var page = await manager.GetAsync(new Uri("/metrics/import", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Without_a_metrics_port_no_management_server_runs()
    {
        await using var node = await TestNode.StartAsync();

        Assert.DoesNotContain(node.Services.GetServices<IHostedService>(), s => s is MetricsServer);
    }

    [Fact]
    public async Task A_metrics_address_that_is_not_an_IP_address_stops_the_node_at_start()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Telemetry:MetricsPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Telemetry:MetricsAddress"] = "metrics.internal",
        }));

        Assert.Contains("Telemetry:MetricsAddress 'metrics.internal' is not an IP address", error.ToString(), StringComparison.Ordinal);
    }
}
