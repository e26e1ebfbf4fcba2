using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Storage;

/// <summary>
/// Campaigns stored before the suppliers asked and the counters had states of their own kept both inside the campaign's
/// state: such a campaign loads, keeps its suppliers and counters, and moves them out once.
/// </summary>
public sealed class CampaignStorageTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_campaign_stored_with_its_suppliers_and_counters_inside_loads_on_the_embedded_database()
    {
        using var database = new TemporarySqliteDatabase();
        await LoadsAndMovesOutAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = database.FilePath,
        });
    }

    [Fact]
    public async Task A_campaign_stored_with_its_suppliers_and_counters_inside_loads_on_PostgreSQL()
    {
        postgres.RequireAvailable();
        await LoadsAndMovesOutAsync(await postgres.NodeSettingsAsync());
    }

    private static async Task LoadsAndMovesOutAsync(Dictionary<string, string?> settings)
    {
        var campaignId = Guid.NewGuid();
        Guid[] suppliers = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        var answered = new SupplierProgress(suppliers[1], "Castings Ltd", 6, 3, 3, 2, 0, 2, 1, 1, 0, 72.5m, null);
        var old = new CampaignState
        {
            Created = true,
            Name = "Q3 supplier survey",
            QuestionnaireId = Guid.NewGuid(),
            QuestionnaireVersion = 1,
            Audience = AudienceKind.Chosen,
            ChosenSuppliers = [.. suppliers],
            Deadline = DateTimeOffset.UtcNow.AddDays(20),
            Subject = "How are we doing?",
            Intro = "Tell us.",
            BuyerName = "Acme",
            Status = CampaignStatus.Open,
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-2),
            LaunchedAt = DateTimeOffset.UtcNow.AddDays(-1),
            OpenedAt = DateTimeOffset.UtcNow.AddDays(-1),
            Targets = [.. suppliers],
            InviteCursor = 3,
            Progress = new Dictionary<Guid, SupplierProgress> { [answered.SupplierId] = answered },
            Version = 9,
            CountersCurrent = true,
        };

        await using (var node = await TestNode.StartAsync(settings))
        {
            var campaign = node.Grains.GetGrain<ICampaignGrain>(campaignId);
            var storage = node.Services.GetRequiredKeyedService<IGrainStorage>("Default");
            await storage.WriteStateAsync("campaign", campaign.GetGrainId(), new GrainState<CampaignState>(old));

            await AssertLoadedAsync(campaign, suppliers);
            var stored = new GrainState<CampaignState>();
            await storage.ReadStateAsync("campaign", campaign.GetGrainId(), stored);
            Assert.Empty(stored.State!.Targets);
            Assert.Empty(stored.State.Progress);
        }

        // After a clean stop the moved states are what loads.
        await using (var node = await TestNode.StartAsync(settings))
        {
            await AssertLoadedAsync(node.Grains.GetGrain<ICampaignGrain>(campaignId), suppliers);
        }
    }

    private static async Task AssertLoadedAsync(ICampaignGrain campaign, Guid[] suppliers)
    {
        var details = await campaign.GetAsync();
        var page = await campaign.GetSuppliersAsync(nonRespondersOnly: false, skip: 0, take: 10);

        Assert.NotNull(details);
        Assert.Equal((CampaignStatus.Open, "Q3 supplier survey"), (details.Status, details.Definition.Name));
        Assert.Equal((3, 1, 3), (details.Counts.SuppliersTargeted, details.Counts.Submitted, details.Counts.Invited));
        Assert.Equal(suppliers, page.Items.Select(l => l.SupplierId));
        Assert.Equal(72.5m, page.Items[1].InternalEvaluationMean);
    }
}
