using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// A campaign, a supplier's campaign and an invitation stored before they had a language, loaded by this release (one
/// derived class per dialect): they read as English, as everything was then.
/// </summary>
public abstract class LanguageStoredShapeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The node settings of a fresh database of this dialect.</summary>
    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    /// <summary>
    /// Removes the language from a state and from the invitation rows of a supplier's campaign, and the translations
    /// from a questionnaire's versions.
    /// </summary>
    private static bool Forget(JsonObject state)
    {
        var changed = state.Remove("Language");
        foreach (var row in Rows(state["Invitations"]))
        {
            changed |= row.Remove("Language");
        }

        foreach (var version in Rows(state["Versions"]))
        {
            changed |= version.Remove("Translations");
        }

        return changed;
    }

    private static IEnumerable<JsonObject> Rows(JsonNode? list) => list switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject wrapped when wrapped["$values"] is JsonArray values => values.OfType<JsonObject>(),
        _ => [],
    };

    [Fact]
    public async Task A_campaign_and_its_invitation_stored_without_a_language_load_and_speak_english()
    {
        var settings = await SettingsAsync();
        var campaignId = Guid.NewGuid();
        string token;
        Guid questionnaireId;
        await using (var before = await TestNode.StartAsync(settings))
        {
            var (suppliers, emails) = await SuppliersAsync(before.Grains, 1);
            (questionnaireId, _) = await QuestionnaireAsync(before.Grains);
            var translated = await before.Grains.GetGrain<IQuestionnaireGrain>(questionnaireId).TranslateAsync(
                new TranslateVersion(1, "de", new Dictionary<string, string> { ["title"] = "Lieferantenumfrage" }));
            Assert.Equal(CommandOutcome.Ok, translated.Outcome);
            var campaign = before.Grains.GetGrain<ICampaignGrain>(campaignId);
            Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(Definition(questionnaireId, DateTimeOffset.UtcNow, suppliers) with { Language = "de" })).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
            await campaign.RunAsync();
            var mail = (await before.Services.GetRequiredService<OutboxReader>().ListAsync(0, int.MaxValue, Cancel)).Messages.Single(m => m.To.Email == emails[0]);
            Assert.Contains("Bitte antworten Sie bis ", mail.TextBody, StringComparison.Ordinal);
            token = TokenIn(mail.TextBody);
        }

        // The campaign, the supplier's campaign, the invitation and the questionnaire, as the release before languages wrote them.
        Assert.Equal(4, await StoredStates.RewriteAsync(settings, Forget));

        await using var after = await TestNode.StartAsync(settings);
        Assert.Null((await after.Grains.GetGrain<ICampaignGrain>(campaignId).GetAsync())!.Definition.Language);
        Assert.Empty(await after.Grains.GetGrain<IQuestionnaireGrain>(questionnaireId).GetTranslationAsync(1, "de"));
        Assert.NotNull(await after.Grains.GetGrain<IQuestionnaireGrain>(questionnaireId).GetVersionAsync(1));
        using var respondent = after.CreateClient();
        using var response = await respondent.GetAsync(new Uri($"/s/{token}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await HtmlPage.ReadAsync(response);
        Assert.Contains("<html lang=\"en\">", form.Text, StringComparison.Ordinal);
        Assert.Contains("<p id=\"deadline\">Please answer by <strong>", form.Text, StringComparison.Ordinal);
    }
}

public sealed class LanguageStoredShapeOnSqliteTests : LanguageStoredShapeTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = Path.Combine(_directory.Path, "node.db"),
    });
}

public sealed class LanguageStoredShapeOnPostgresTests(PostgresServer postgres) : LanguageStoredShapeTests
{
    protected override async Task<Dictionary<string, string?>> SettingsAsync() => new()
    {
        ["Storage:Provider"] = null,
        ["ConnectionStrings:SupplierQuality"] = await postgres.CreateDatabaseAsync(),
    };
}
