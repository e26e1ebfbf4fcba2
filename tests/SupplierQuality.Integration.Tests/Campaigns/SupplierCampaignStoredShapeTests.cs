using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// A supplier's campaign stored before it kept each invitation's progress whole, when every part of the progress
/// was a field of its own, loaded by this release (one derived class per dialect): counts, scores and the answered
/// state read as before, and the next write stores the progress whole.
/// </summary>
public abstract class SupplierCampaignStoredShapeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The node settings of a fresh database of this dialect.</summary>
    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    [Fact]
    public async Task Invitation_progress_stored_field_by_field_loads_with_its_counts_and_scores()
    {
        var settings = await SettingsAsync();
        var campaignId = Guid.NewGuid();
        Guid supplier;
        SupplierCampaignDetails stored;
        await using (var before = await TestNode.StartAsync(settings))
        {
            var (suppliers, emails) = await SuppliersAsync(before.Grains, 2);
            supplier = suppliers[0];
            var (questionnaireId, version) = await QuestionnaireAsync(before.Grains);
            var campaign = before.Grains.GetGrain<ICampaignGrain>(campaignId);
            Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(Definition(questionnaireId, DateTimeOffset.UtcNow, suppliers))).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
            await campaign.RunAsync();
            var mail = await before.Services.GetRequiredService<OutboxReader>().ListAsync(0, int.MaxValue, Cancel);
            var token = TokenIn(mail.Messages.Single(m => m.To.Email == emails[0]).TextBody);
            var invitation = before.Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(token));
            Assert.Equal(InvitationOutcome.Ok, (await invitation.SubmitAsync(Complete(version), Guid.NewGuid())).Outcome);
            stored = (await EventuallyAsync(
                () => before.Grains.GetSupplierCampaign(campaignId, supplier).GetAsync(),
                d => d?.Progress.Submitted == 1,
                "the answer counted"))!;
        }

        Assert.Equal(1, await StoredStates.RewriteAsync(settings, state => state.ContainsKey("Invitations") && AsStoredBefore(state)));

        await using var after = await TestNode.StartAsync(settings);
        var loaded = (await after.Grains.GetSupplierCampaign(campaignId, supplier).GetAsync())!;
        Assert.Equal(stored.Progress with { Revision = 0 }, loaded.Progress with { Revision = 0 });
        Assert.Equal(
            stored.Invitations.Select(i => (i.Email, i.Status, i.Delivery, i.ResponseVersion, i.Score)),
            loaded.Invitations.Select(i => (i.Email, i.Status, i.Delivery, i.ResponseVersion, i.Score)));
        Assert.Equal(stored.Groups.Select(g => (g.Result.Mean, g.Result.Responses)), loaded.Groups.Select(g => (g.Result.Mean, g.Result.Responses)));
        Assert.NotNull(loaded.Progress.SelfAssessmentMean);

        // The one who answered is not reminded: the answered state came through.
        var resend = await after.Grains.GetGrain<ICampaignGrain>(campaignId).ResendAsync(
            supplier, new ResendRequest(loaded.Invitations.Single(i => i.ResponseVersion > 0).InvitationKey, Guid.NewGuid()));
        Assert.Equal(CommandOutcome.Conflict, resend.Outcome);
    }

    /// <summary>Moves each invitation's progress out into the fields the release before wrote, as it named them.</summary>
    private static bool AsStoredBefore(JsonObject state)
    {
        // Written whole at the node's stop, so the next activation reads it as stored, with no recount from the invitations.
        Assert.True((bool)state["Clean"]!);
        foreach (var entry in state["Invitations"]!["$values"]!.AsArray().Select(e => e!.AsObject()))
        {
            var progress = entry["Progress"]!.AsObject();
            Assert.True(entry.Remove("Progress"));
            foreach (var (from, to) in new[] { ("Revision", "ProgressRevision"), ("Status", "Status"), ("Delivery", "Delivery"), ("EmailOpened", "EmailOpened"), ("ResponseVersion", "ResponseVersion") })
            {
                if (progress[from] is { } value)
                {
                    entry[to] = value.DeepClone();
                }
            }

            if (progress["Scores"] is JsonObject scores)
            {
                entry["Score"] = scores["Overall"]!.DeepClone();
                entry["Dimensions"] = ListOf("SupplierQuality.Grains.Invitations.DimensionScore", scores["Dimensions"]!["$values"]!);
                entry["Nps"] = ListOf("SupplierQuality.Grains.Invitations.NpsAnswer", scores["Nps"]!["$values"]!);
            }
        }

        return true;
    }

    private static JsonObject ListOf(string type, JsonNode values) => new()
    {
        ["$type"] = $"System.Collections.Generic.List`1[[{type}, SupplierQuality.Grains]], System.Private.CoreLib",
        ["$values"] = values.DeepClone(),
    };
}

public sealed class SupplierCampaignStoredShapeOnSqliteTests : SupplierCampaignStoredShapeTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(_directory.SqliteNodeSettings());
}

public sealed class SupplierCampaignStoredShapeOnPostgresTests(PostgresServer postgres) : SupplierCampaignStoredShapeTests
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => postgres.NodeSettingsAsync();
}
