using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// Campaigns stored before evaluators got one digest (no <see cref="CampaignState.EvaluatorDigests"/> in the row),
/// loaded by this release (one derived class per dialect; docs/adr/0007): one that had opened keeps an email per
/// supplier for its evaluators to the end; one still scheduled opens with digests.
/// </summary>
public abstract class EvaluatorDigestStoredShapeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The node settings of a fresh database of this dialect.</summary>
    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    [Fact]
    public async Task A_campaign_opened_before_digests_keeps_an_email_per_supplier_for_its_evaluators_and_one_still_scheduled_opens_with_a_digest()
    {
        var settings = await SettingsAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (opened, scheduled) = (Guid.NewGuid(), Guid.NewGuid());
        const string Eve = "eve@buyer.test";
        const string Ed = "ed@buyer.test";
        List<Guid> suppliers;
        await using (var before = await TestNode.StartAsync(settings, time))
        {
            (suppliers, _) = await SuppliersAsync(before.Grains, 1, 1);
            var (questionnaireId, _) = await QuestionnaireAsync(before.Grains);
            var definition = Definition(questionnaireId, time.GetUtcNow(), suppliers, 3);
            await LaunchAsync(before.Grains, opened, definition with { Evaluators = [new Evaluator("Eve Evaluator", Eve)] });
            await LaunchAsync(before.Grains, scheduled, definition with { Evaluators = [new Evaluator("Ed Evaluator", Ed)], OpensAt = time.GetUtcNow().AddHours(1) });
            Assert.Equal(CampaignStatus.Scheduled, (await before.Grains.GetGrain<ICampaignGrain>(scheduled).GetAsync())!.Status);
        }

        // The release before wrote neither field (false is not written, so the scheduled campaign's row is already as it
        // was); its evaluators' invitations were marked sent one by one, as these are.
        Assert.Equal(1, await StoredStates.RewriteAsync(settings, state =>
            state.Remove(nameof(CampaignState.EvaluatorDigests)) | state.Remove(nameof(CampaignState.DigestsDue))));

        await using var after = await TestNode.StartAsync(settings, time);
        var old = after.Grains.GetGrain<ICampaignGrain>(opened);
        var loaded = (await old.GetAsync())!;
        Assert.Equal((CampaignStatus.Open, 4, 4), (loaded.Status, loaded.Counts.Invited, loaded.Counts.Sent));

        time.Advance(TimeSpan.FromDays(3));
        await old.RunAsync();
        var opening = after.Grains.GetGrain<ICampaignGrain>(scheduled);
        await opening.RunAsync();

        var mail = (await after.Services.GetRequiredService<OutboxReader>().ListAsync(0, int.MaxValue, Cancel)).Messages;
        var names = (await Task.WhenAll(suppliers.Select(id => after.Grains.GetSupplierCampaign(opened, id).GetAsync()))).Select(p => p!.SupplierName).Order().ToList();
        var toEve = mail.Where(m => m.To.Email == Eve).ToList();
        Assert.Equal(names.Select(n => $"Reminder: Please rate {n}"), toEve.Select(m => m.Subject).Order());
        Assert.All(toEve, m =>
        {
            Assert.NotNull(m.InvitationId);
            Assert.EndsWith(".reminder-1", m.Id, StringComparison.Ordinal);
            Assert.Null(m.UnsubscribeUrl);
            Assert.DoesNotContain("unsubscribe", m.TextBody, StringComparison.OrdinalIgnoreCase);
        });
        var toEd = Assert.Single(mail, m => m.To.Email == Ed);
        Assert.Equal(EvaluatorDigest.MessageId(EvaluatorDigest.Key(scheduled, Ed), "invite-1"), toEd.Id);
        Assert.All(names, n => Assert.NotEmpty(CampaignsNode.TokenIn(toEd, n)));
    }

    private static async Task LaunchAsync(IGrainFactory grains, Guid id, CampaignDefinition definition)
    {
        var campaign = grains.GetGrain<ICampaignGrain>(id);
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await campaign.RunAsync();
    }
}

public sealed class EvaluatorDigestStoredShapeOnSqliteTests : EvaluatorDigestStoredShapeTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(_directory.SqliteNodeSettings());
}

public sealed class EvaluatorDigestStoredShapeOnPostgresTests(PostgresServer postgres) : EvaluatorDigestStoredShapeTests
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => postgres.NodeSettingsAsync();
}
