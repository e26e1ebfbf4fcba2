using System.Net;
using System.Text.Json.Nodes;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Questionnaires;

/// <summary>
/// Questionnaires stored before questions could allow "Not applicable", loaded from the database by the next release
/// (one derived class per dialect): the stored rows are written back without the new field. The stored JSON leaves out
/// default values, so a question that does not allow it is stored as before; one that does is what the old shape lacks.
/// </summary>
public abstract class QuestionnaireStoredShapeTests
{
    private const string NewField = nameof(QuestionState.AllowNotApplicable);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The node settings of a fresh database of this dialect.</summary>
    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    [Fact]
    public async Task A_questionnaire_stored_before_not_applicable_loads_unchanged_and_its_form_offers_none()
    {
        var settings = await SettingsAsync();
        var id = Guid.NewGuid();
        QuestionnaireVersion before;
        var token = InvitationToken.New();
        await using (var node = await TestNode.StartAsync(settings))
        {
            var questionnaire = node.Grains.GetGrain<IQuestionnaireGrain>(id);
            var content = QuestionnairesNode.EveryKind();
            content = content with { Questions = [content.Questions[0] with { AllowNotApplicable = true }, .. content.Questions.Skip(1)] };
            Assert.Equal(CommandOutcome.Created, (await questionnaire.CreateAsync(new CreateQuestionnaire(content))).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await questionnaire.StartDraftAsync()).Outcome);
            before = (await questionnaire.GetVersionAsync(1))!;
            var issued = await node.Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(token)).IssueAsync(new IssueInvitation(
                Guid.NewGuid(), Guid.NewGuid(), "Dana Supplier", "dana@supplier.test", id, 1, "Acme Buying Ltd", "Supplier survey", DateTimeOffset.UtcNow.AddDays(14)));
            Assert.Equal(InvitationOutcome.Created, issued.Outcome);
        }

        // One row, the questionnaire's; its first question in each version (the draft is also written as "Draft").
        var questions = 0;
        var rows = await StoredStates.RewriteAsync(settings, state =>
        {
            var removed = Remove(state);
            questions += removed;
            return removed > 0;
        });
        Assert.Equal(1, rows);
        Assert.InRange(questions, 2, 3);

        await using var after = await TestNode.StartAsync(settings);
        var loaded = after.Grains.GetGrain<IQuestionnaireGrain>(id);
        var asBefore = before.Content with { Questions = [before.Questions[0] with { AllowNotApplicable = false }, .. before.Questions.Skip(1)] };
        Assert.Equal(before with { Content = asBefore }, await loaded.GetVersionAsync(1));
        Assert.All((await loaded.GetVersionAsync(2))!.Questions, q => Assert.False(q.AllowNotApplicable));
        Assert.Equal(CommandOutcome.Ok, (await loaded.PublishAsync(new PublishDraft(3))).Outcome);

        using var client = after.CreateClient();
        using var form = await client.GetAsync(new Uri($"/s/{token}", UriKind.Relative), Cancel);
        var page = await HtmlPage.ReadAsync(form);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("1. How good were the parts?", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Not applicable", page.Text, StringComparison.Ordinal);
    }

    /// <summary>Removes the new field wherever it is in the tree (questions sit in lists inside versions); returns how often.</summary>
    private static int Remove(JsonNode? node) => node switch
    {
        JsonObject o => (o.Remove(NewField) ? 1 : 0) + o.Select(p => p.Value).ToList().Sum(Remove),
        JsonArray a => a.Sum(Remove),
        _ => 0,
    };
}

public sealed class QuestionnaireStoredShapeOnSqliteTests : QuestionnaireStoredShapeTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(_directory.SqliteNodeSettings());
}

public sealed class QuestionnaireStoredShapeOnPostgresTests(PostgresServer postgres) : QuestionnaireStoredShapeTests
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => postgres.NodeSettingsAsync();
}
