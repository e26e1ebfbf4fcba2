using System.Net;
using System.Net.Http.Json;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Reliability;

/// <summary>
/// The production database goes away under load: 16 survey clients answer through the form while a private
/// PostgreSQL server (this test's own, so no other test sees the outage) is stopped and started again, or loses every
/// connection. Nothing acknowledged is lost, the rest get a clear 503, and the node recovers on its own.
/// </summary>
[Collection(ReliabilityDefinition.Name)]
public sealed class PostgresOutageTests
{
    private const int Clients = 16;
    private const int InvitationsPerClient = 4;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PostgreSQL_stopped_for_10_seconds_under_load_loses_nothing_acknowledged_and_the_node_recovers_without_a_restart()
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var node = await StartAsync(connectionString);
        var load = await SurveyLoad.PrepareAsync(node, Clients, InvitationsPerClient);
        using var api = await node.CreateApiClientAsync(Roles.QualityManager);
        HttpStatusCode? apiStatus = null;
        string? apiRetryAfter = null;
        string? apiType = null;

        var report = await load.RunAsync(
            warmUp: TimeSpan.FromSeconds(4),
            fault: async () =>
            {
                var stopped = DateTime.UtcNow;
                await postgres.StopAsync();

                // An API write while it is away: 503 problem details with Retry-After, not 500.
                await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
                using (var created = await api.PostAsJsonAsync(
                    "/api/suppliers",
                    new { name = "Written during the outage", category = "Castings", contacts = Array.Empty<object>() },
                    TestContext.Current.CancellationToken))
                {
                    (apiStatus, apiRetryAfter, apiType) = (created.StatusCode, created.Headers.RetryAfter?.ToString(), created.Content.Headers.ContentType?.MediaType);
                }

                await Task.Delay(Outage - (DateTime.UtcNow - stopped), TestContext.Current.CancellationToken);
                await postgres.StartAgainAsync();
            },
            recoveryLimit: TimeSpan.FromSeconds(45),
            settle: TimeSpan.FromSeconds(3));
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());

        AssertClearAnswers(report);
        Assert.True(report.FormKept + report.ClearPage > 0, $"The outage was not felt: {report}");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "5", "application/problem+json"), (apiStatus, apiRetryAfter, apiType));
        var (versions, submitted) = await load.AssertNothingAcknowledgedLostAsync(report);
        TestContext.Current.TestOutputHelper?.WriteLine($"{versions} versions stored over {submitted} submitted invitations");

        // Not ready while the database is away (a check 1 s into the outage has it down), ready again after.
        var during = report.Readiness.Where(r => r.At > report.FaultStarted + TimeSpan.FromSeconds(1) && r.At < report.FaultEnded - TimeSpan.FromSeconds(1)).ToList();
        Assert.NotEmpty(during);
        Assert.All(during, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status));
        var readyAgain = report.Readiness.First(r => r.At > report.FaultEnded && r.Status == HttpStatusCode.OK).At - report.FaultEnded;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"readiness: {during.Count} probes during the outage, all 503; ready again {readyAgain.TotalSeconds:0.0} s after the server accepted connections");
        Assert.Equal(HttpStatusCode.OK, report.Readiness[^1].Status);
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(node));
    }

    [Fact]
    public async Task Every_PostgreSQL_connection_terminated_under_load_loses_nothing_acknowledged_and_the_node_recovers_without_a_restart()
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var node = await StartAsync(connectionString);
        var load = await SurveyLoad.PrepareAsync(node, Clients, InvitationsPerClient);
        var terminated = 0;

        var report = await load.RunAsync(
            warmUp: TimeSpan.FromSeconds(4),
            fault: async () =>
            {
                // A failover cuts every connection, and the new primary takes a moment: three waves one second apart.
                for (var wave = 0; wave < 3; wave++)
                {
                    terminated += await postgres.TerminateBackendsAsync(connectionString);
                    await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
                }
            },
            recoveryLimit: TimeSpan.FromSeconds(45),
            settle: TimeSpan.FromSeconds(3));
        TestContext.Current.TestOutputHelper?.WriteLine($"{terminated} server processes terminated; {report}");

        Assert.True(terminated > 0);
        AssertClearAnswers(report);
        var (versions, submitted) = await load.AssertNothingAcknowledgedLostAsync(report);
        TestContext.Current.TestOutputHelper?.WriteLine($"{versions} versions stored over {submitted} submitted invitations");
        Assert.Equal(HttpStatusCode.OK, report.Readiness[^1].Status);
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(node));
    }

    /// <summary>No 500, no stack trace, no 503 without Retry-After; and the load did get through before and after.</summary>
    internal static void AssertClearAnswers(LoadReport report)
    {
        Assert.True(report.Unexpected.Count == 0, $"{report}\n{string.Join("\n", report.Unexpected.Take(10))}");
        Assert.True(report.Acknowledged > Clients * 2, $"Too little load got through: {report}");
        Assert.True(report.EveryClientAcknowledgedAgain > report.FaultEnded, $"Not every client got an answer through after the fault: {report}");
    }

    private static Task<TestNode> StartAsync(string connectionString)
    {
        var settings = SurveyLoad.Settings();
        settings["Storage:Provider"] = null;
        settings["ConnectionStrings:SupplierQuality"] = connectionString;
        return TestNode.StartAsync(settings);
    }

    private static async Task<HttpStatusCode> ReadyAsync(TestNode node)
    {
        using var client = node.CreateClient();
        using var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        return ready.StatusCode;
    }
}
