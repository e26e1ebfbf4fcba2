using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Invitations;

namespace SupplierQuality.Integration.Tests.Hosting;

/// <summary>What a node acknowledged is there after it stops and a new one starts on the same database.</summary>
public sealed class NodeDurabilityTests(PostgresServer postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Supplier_survives_a_restart_on_PostgreSQL()
    {
        postgres.RequireAvailable();
        var settings = await postgres.NodeSettingsAsync();

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
    public async Task A_campaign_its_answers_and_its_mail_survive_a_restart_on_the_embedded_SQLite_default()
    {
        using var directory = new TemporaryDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = null,
            ["Storage:SqlitePath"] = Path.Combine(directory.Path, "node.db"),
            ["Mail:OutboxPath"] = Path.Combine(directory.Path, "outbox"),
            ["Campaigns:TickPeriod"] = "00:00:01",
        };
        Guid campaignId;
        string draftToken;
        string submittedToken;
        await using (var node = await TestNode.StartAsync(settings))
        {
            var (suppliers, emails) = await CampaignSamples.SuppliersAsync(node.Grains, 2, 1);
            var (questionnaireId, version) = await CampaignSamples.QuestionnaireAsync(node.Grains);
            campaignId = Guid.NewGuid();
            var campaign = node.Grains.GetGrain<ICampaignGrain>(campaignId);
            await campaign.CreateAsync(CampaignSamples.Definition(questionnaireId, DateTimeOffset.UtcNow, suppliers));
            Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
            var outbox = await CampaignSamples.EventuallyAsync(
                () => node.Services.GetRequiredService<OutboxReader>().ListAsync(0, 100, Cancel), p => p.Total == 3, "three emails in the outbox");
            draftToken = CampaignSamples.TokenIn(outbox.Messages.Single(m => m.To.Email == emails[0]).TextBody);
            submittedToken = CampaignSamples.TokenIn(outbox.Messages.Single(m => m.To.Email == emails[1]).TextBody);

            var likert = version.Questions.First(q => q.Kind == QuestionKind.Likert).Id;
            Assert.Equal(InvitationOutcome.Ok, (await InvitationsNode.Grain(node, draftToken).SaveDraftAsync(
                new Dictionary<string, string[]> { [likert] = ["2"] })).Outcome);
            Assert.Equal(InvitationOutcome.Ok, (await InvitationsNode.Grain(node, submittedToken).SubmitAsync(
                CampaignSamples.Complete(version), Guid.NewGuid())).Outcome);
            await CampaignSamples.EventuallyAsync(() => campaign.GetAsync()!, d => d!.Counts.Submitted == 1 && d.Counts.Started == 2, "the answers to be counted");
        }

        await using (var restarted = await TestNode.StartAsync(settings))
        {
            var campaign = restarted.Grains.GetGrain<ICampaignGrain>(campaignId);
            var details = (await campaign.GetAsync())!;
            Assert.Equal((CampaignStatus.Open, 3, 3, 2, 1), (details.Status, details.Counts.Invited, details.Counts.Sent, details.Counts.Started, details.Counts.Submitted));
            var draft = (await InvitationsNode.Grain(restarted, draftToken).GetFormAsync())!;
            Assert.Equal(["2"], draft.Draft!.Values.Single());
            Assert.Equal(1, (await InvitationsNode.Grain(restarted, submittedToken).GetFormAsync())!.Submitted!.Version);

            // Its timer and reminder come back with the node; nothing is sent a second time.
            await campaign.RunAsync();
            await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
            Assert.Equal(3, (await restarted.Services.GetRequiredService<OutboxReader>().ListAsync(0, 100, Cancel)).Total);
            foreach (var supplier in (await campaign.GetSuppliersAsync(nonRespondersOnly: false, 0, 10)).Items)
            {
                var part = (await restarted.Grains.GetSupplierCampaign(campaignId, supplier.SupplierId).GetAsync())!;
                Assert.All(part.Invitations, line => Assert.Equal(["invite"], line.Sent));
            }
        }
    }

    [Fact]
    public async Task Second_node_on_the_same_SQLite_file_refuses_to_start()
    {
        using var directory = new TemporaryDirectory();
        var settings = directory.SqliteNodeSettings();
        await using var first = await TestNode.StartAsync(settings);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestNode.StartAsync(settings));

        Assert.Contains("Another node is already using the SQLite database", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_reports_the_silo_and_the_database()
    {
        using var directory = new TemporaryDirectory();
        await using var node = await TestNode.StartAsync(directory.SqliteNodeSettings());
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
