using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// A campaign stored before the count of skipped reminder days (<c>RemindersSkipped</c>) existed, on the embedded
/// SQLite database: it loads, a clock jump past two reminder days sends one reminder, and the count survives a restart.
/// </summary>
public sealed class CampaignCatchUpStoredShapeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_campaign_stored_before_skipped_reminders_were_counted_loads_and_catches_up_with_one_reminder()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var database = Path.Combine(_directory.Path, "node.db");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = database,
            ["Campaigns:TickPeriod"] = "00:00:01",
        };
        var campaignId = Guid.NewGuid();
        Guid supplier;
        await using (var before = await TestNode.StartAsync(settings, time))
        {
            var (suppliers, _) = await SuppliersAsync(before.Grains, 1);
            supplier = suppliers[0];
            var (questionnaireId, _) = await QuestionnaireAsync(before.Grains);
            var campaign = before.Grains.GetGrain<ICampaignGrain>(campaignId);
            Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(Definition(questionnaireId, time.GetUtcNow(), suppliers, 3, 7))).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
            await campaign.RunAsync();
        }

        // Storage leaves out default values, so a campaign that skipped no reminder day is stored as the release
        // before stored every campaign: without the field.
        Assert.False((await StoredCampaignAsync(database)).ContainsKey("RemindersSkipped"));

        await using (var after = await TestNode.StartAsync(settings, time))
        {
            var loaded = after.Grains.GetGrain<ICampaignGrain>(campaignId);
            var details = (await loaded.GetAsync())!;
            Assert.Equal((CampaignStatus.Open, 0, 1), (details.Status, details.RemindersSent, details.Counts.Sent));

            time.Advance(TimeSpan.FromDays(8));
            await EventuallyAsync(() => loaded.GetAsync()!, d => d!.RemindersSent == 1 && d.Work is null && d.Counts.MailWaiting == 0, "the catch-up reminder");
        }

        Assert.Equal(1, (int)(await StoredCampaignAsync(database))["RemindersSkipped"]!);
        await using var again = await TestNode.StartAsync(settings, time);
        Assert.Equal(1, (await again.Grains.GetGrain<ICampaignGrain>(campaignId).GetAsync())!.RemindersSent);
        var line = Assert.Single((await again.Grains.GetSupplierCampaign(campaignId, supplier).GetAsync())!.Invitations);
        Assert.Equal(["invite", "reminder-2"], line.Sent);
    }

    /// <summary>The one campaign's stored state, as JSON.</summary>
    private static async Task<JsonObject> StoredCampaignAsync(string database)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancel);
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT PayloadBinary FROM OrleansStorage WHERE PayloadBinary IS NOT NULL";
        await using var reader = await read.ExecuteReaderAsync(cancel);
        var campaigns = new List<JsonObject>();
        while (await reader.ReadAsync(cancel))
        {
            if (JsonNode.Parse((byte[])reader[0]) is JsonObject state && state.ContainsKey("InviteCursor"))
            {
                campaigns.Add(state);
            }
        }

        return Assert.Single(campaigns);
    }
}
