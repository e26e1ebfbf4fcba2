using System.Runtime.Serialization;
using System.Text.Json.Nodes;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Invitations;

/// <summary>
/// Invitations stored in earlier shapes, loaded from the database by the next release (one derived class per dialect):
/// the stored rows are written back as the release before wrote them.
/// </summary>
public abstract class InvitationStoredShapeTests
{
    private const string NewField = nameof(InvitationState.SubmittedScores);

    /// <summary>The node settings of a fresh database of this dialect.</summary>
    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    [Fact]
    public async Task A_response_stored_without_its_scores_reads_the_same_scores_and_keeps_them_from_its_next_change()
    {
        var settings = await SettingsAsync();
        string token;
        SubmittedResponse submitted;
        await using (var before = await TestNode.StartAsync(settings))
        {
            (token, var version) = await InvitationsNode.IssueAsync(before);
            var result = await InvitationsNode.Grain(before, token).SubmitAsync(CampaignSamples.Complete(version), Guid.NewGuid());
            Assert.Equal(InvitationOutcome.Ok, result.Outcome);
            submitted = result.Response!;
        }

        var stored = Assert.Single(await StoredStates.ReadAsync(settings), s => s.ContainsKey(NewField));
        Assert.Equal(submitted.Scores.Overall, (decimal)stored[NewField]!["Overall"]!);
        Assert.Equal(1, await StoredStates.RewriteAsync(settings, state => state.Remove(NewField)));

        await using (var after = await TestNode.StartAsync(settings))
        {
            var invitation = InvitationsNode.Grain(after, token);
            var read = await invitation.GetSubmittedAsync();
            Assert.Equal(submitted, new SubmittedResponse(read!.Version, read.Answers, read.SubmittedAt, read.Scores));
            Assert.Equal(submitted, (await invitation.GetFormAsync())!.Submitted);
            Assert.Equal(InvitationOutcome.Ok, (await invitation.SaveDraftAsync(new Dictionary<string, string[]>())).Outcome);
        }

        stored = Assert.Single(await StoredStates.ReadAsync(settings), s => s.ContainsKey(NewField));
        Assert.Equal(submitted.Scores.Overall, (decimal)stored[NewField]!["Overall"]!);
    }

    [Fact]
    public async Task Delivery_events_stored_by_their_mail_service_names_load_and_stay_recorded()
    {
        var settings = await SettingsAsync();
        string token;
        var at = DateTimeOffset.UtcNow;
        await using (var before = await TestNode.StartAsync(settings))
        {
            (token, _) = await InvitationsNode.IssueAsync(before);
            var invitation = InvitationsNode.Grain(before, token);
            await invitation.RecordDeliveryAsync(new DeliveryEvent(DeliveryEventType.Delivered, at, null, false, "e1"));
            await invitation.RecordDeliveryAsync(new DeliveryEvent(DeliveryEventType.GroupUnsubscribe, at, null, false, "e2"));
        }

        // The release before stored each type as SendGrid's name for it.
        Assert.Equal(1, await StoredStates.RewriteAsync(settings, state =>
        {
            if (state["DeliveryEvents"]?["$values"] is not JsonArray events)
            {
                return false;
            }

            foreach (var e in events.OfType<JsonObject>())
            {
                e["Type"] = ServiceName((DeliveryEventType)(int)e["Type"]!);
            }

            return true;
        }));

        await using (var after = await TestNode.StartAsync(settings))
        {
            var invitation = InvitationsNode.Grain(after, token);
            Assert.Equal(InvitationOutcome.Ok, (await invitation.RecordDeliveryAsync(new DeliveryEvent(DeliveryEventType.Delivered, at, null, false, "e1"))).Outcome);
            Assert.Equal(InvitationOutcome.Ok, (await invitation.RecordDeliveryAsync(new DeliveryEvent(DeliveryEventType.Open, at, null, false, "e3"))).Outcome);
            var progress = (await invitation.GetProgressAsync())!;
            Assert.Equal((MailDelivery.Delivered, true, true), (progress.Delivery, progress.Unsubscribed, progress.EmailOpened));
        }

        // The repeated e1 was known from the old row; the row now holds all three, by number.
        var stored = Assert.Single(await StoredStates.ReadAsync(settings), s => s.ContainsKey("DeliveryEvents"));
        Assert.Equal(
            [(int)DeliveryEventType.Delivered, (int)DeliveryEventType.GroupUnsubscribe, (int)DeliveryEventType.Open],
            stored["DeliveryEvents"]!["$values"]!.AsArray().Select(e => (int)e!["Type"]!));
    }

    [Fact]
    public async Task An_invitation_stored_before_answer_copies_were_kept_loads_with_none_sent_and_records_the_next()
    {
        var settings = await SettingsAsync();
        string token;
        await using (var before = await TestNode.StartAsync(settings))
        {
            (token, var version) = await InvitationsNode.IssueAsync(before);
            Assert.Equal(InvitationOutcome.Ok, (await InvitationsNode.Grain(before, token).SubmitAsync(CampaignSamples.Complete(version), Guid.NewGuid())).Outcome);
        }

        // The release before had no such field.
        Assert.Equal(1, await StoredStates.RewriteAsync(settings, state => state.Remove(nameof(InvitationState.AnswerCopies))));

        await using (var after = await TestNode.StartAsync(settings))
        {
            var invitation = InvitationsNode.Grain(after, token);
            Assert.Equal(0, (await invitation.GetFormAsync())!.Copies!.Sent);
            var copy = new AnswerCopyRequest(Guid.NewGuid(), "Your answers", "<p>Answers</p>", "Answers");
            Assert.Equal(AnswerCopyOutcome.Sent, (await invitation.SendAnswerCopyAsync(copy)).Outcome);
        }

        var stored = Assert.Single(await StoredStates.ReadAsync(settings), s => s.ContainsKey(nameof(InvitationState.AnswerCopies)));
        Assert.Single(stored[nameof(InvitationState.AnswerCopies)]!["$values"]!.AsArray());
    }

    private static string ServiceName(DeliveryEventType type) =>
        typeof(DeliveryEventType).GetField(type.ToString())!.GetCustomAttributes(typeof(EnumMemberAttribute), false).OfType<EnumMemberAttribute>().Single().Value!;
}

public sealed class InvitationStoredShapeOnSqliteTests : InvitationStoredShapeTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(_directory.SqliteNodeSettings());
}

public sealed class InvitationStoredShapeOnPostgresTests(PostgresServer postgres) : InvitationStoredShapeTests
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => postgres.NodeSettingsAsync();
}
