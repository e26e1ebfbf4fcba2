using SupplierQuality.Grains.Invitations;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Invitations;

/// <summary>
/// Invitations stored before a response's scores were kept with its answers, loaded from the database by the next
/// release (one derived class per dialect): the stored rows are written back without the scores.
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
}

public sealed class InvitationStoredShapeOnSqliteTests : InvitationStoredShapeTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = Path.Combine(_directory.Path, "node.db"),
    });
}

public sealed class InvitationStoredShapeOnPostgresTests(PostgresServer postgres) : InvitationStoredShapeTests
{
    protected override async Task<Dictionary<string, string?>> SettingsAsync() => new()
    {
        ["Storage:Provider"] = null,
        ["ConnectionStrings:SupplierQuality"] = await postgres.CreateDatabaseAsync(),
    };
}
