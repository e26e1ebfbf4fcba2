using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// Campaigns and invitations stored before each respondent group had its own texts, loaded from the database by the
/// next release (one derived class per dialect): the stored rows are written back without the new fields.
/// </summary>
public abstract class CampaignStoredShapeTests
{
    private const string ContactSubject = "{{supplier_name}}: how did we do together?";
    private const string ContactIntro = "Dear {{contact_name}}, please answer by {{deadline}}.";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The node settings of a fresh database of this dialect.</summary>
    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    [Fact]
    public async Task A_campaign_and_its_invitations_stored_before_evaluators_had_their_own_texts_still_load()
    {
        var settings = await SettingsAsync();
        var campaignId = Guid.NewGuid();
        string evaluatorToken;
        await using (var before = await TestNode.StartAsync(settings))
        {
            var (suppliers, _) = await SuppliersAsync(before.Grains, 1);
            var (questionnaireId, _) = await QuestionnaireAsync(before.Grains);
            var campaign = before.Grains.GetGrain<ICampaignGrain>(campaignId);
            var definition = Definition(questionnaireId, DateTimeOffset.UtcNow, suppliers) with
            {
                Evaluators = [new Evaluator("Eve Evaluator", "eve@buyer.test")],
            };
            Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
            await campaign.RunAsync();
            var mail = await before.Services.GetRequiredService<OutboxReader>().ListAsync(0, int.MaxValue, Cancel);
            evaluatorToken = TokenIn(mail.Messages.Single(m => m.To.Email == "eve@buyer.test").TextBody);
        }

        string[][] shapes = [["EvaluatorSubject", "EvaluatorIntro"], ["Kind", "SupplierName", "Intro"]];
        var rewritten = await StoredStates.RewriteAsync(settings, state =>
            shapes.FirstOrDefault(shape => shape.All(state.ContainsKey)) is { } fields && fields.All(state.Remove));
        Assert.Equal(3, rewritten);

        await using var after = await TestNode.StartAsync(settings);
        var loaded = (await after.Grains.GetGrain<ICampaignGrain>(campaignId).GetAsync())!.Definition;
        Assert.Equal((ContactSubject, ContactIntro), (loaded.Subject, loaded.Intro));
        Assert.Equal((SurveyTexts.EvaluatorSubject, SurveyTexts.EvaluatorIntro), (loaded.EvaluatorSubject, loaded.EvaluatorIntro));

        // An invitation without its group shows the form as before, speaking to no group.
        using var client = after.CreateClient();
        using var response = await client.GetAsync(new Uri($"/s/{evaluatorToken}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await HtmlPage.ReadAsync(response);
        Assert.Contains("<h1>Supplier survey 2026</h1>", form.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("You are rating", form.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("survey-intro", form.Text, StringComparison.Ordinal);
    }
}

public sealed class CampaignStoredShapeOnSqliteTests : CampaignStoredShapeTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(_directory.SqliteNodeSettings());
}

public sealed class CampaignStoredShapeOnPostgresTests(PostgresServer postgres) : CampaignStoredShapeTests
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => postgres.NodeSettingsAsync();
}
