using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// Accounts, campaigns and invitations stored before time zones existed, loaded by this release (one derived class per
/// dialect): the stored rows are written back without their zone, and everything reads as UTC, as it did then.
/// </summary>
public abstract class TimeZoneStoredShapeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The node settings of a fresh database of this dialect.</summary>
    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    [Fact]
    public async Task An_account_a_campaign_and_its_invitation_stored_without_a_time_zone_load_and_show_UTC()
    {
        var settings = await SettingsAsync();
        var campaignId = Guid.NewGuid();
        TestAccount account;
        string token;
        await using (var before = await TestNode.StartAsync(settings))
        {
            account = await before.CreateAccountAsync(Roles.QualityManager);
            Assert.Equal("Europe/Berlin", (await before.Grains.GetAccount(account.Email).SetTimeZone("Europe/Berlin"))!.TimeZone);
            var (suppliers, emails) = await SuppliersAsync(before.Grains, 1);
            var (questionnaireId, _) = await QuestionnaireAsync(before.Grains);
            var campaign = before.Grains.GetGrain<ICampaignGrain>(campaignId);
            Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(Definition(questionnaireId, DateTimeOffset.UtcNow, suppliers) with { TimeZone = "Europe/Berlin" })).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
            await campaign.RunAsync();
            var mail = (await before.Services.GetRequiredService<OutboxReader>().ListAsync(0, int.MaxValue, Cancel)).Messages.Single(m => m.To.Email == emails[0]);
            Assert.Contains(", Europe/Berlin).", mail.TextBody, StringComparison.Ordinal);
            token = TokenIn(mail.TextBody);
        }

        // The account, the campaign and the invitation, as the release before time zones wrote them.
        Assert.Equal(3, await StoredStates.RewriteAsync(settings, state => state.Remove("TimeZone")));

        await using var after = await TestNode.StartAsync(settings);
        Assert.Null((await after.Grains.GetAccount(account.Email).GetInfo())!.TimeZone);
        var loaded = (await after.Grains.GetGrain<ICampaignGrain>(campaignId).GetAsync())!;
        Assert.Equal("UTC", loaded.Definition.TimeZone);

        using var manager = after.CreateClient();
        await manager.SignInAsync(account.Email, account.Password);
        var details = await HtmlPage.GetAsync(manager, $"/campaigns/{campaignId}");
        Assert.Contains("Times are shown in UTC.", details.Text, StringComparison.Ordinal);
        Assert.Matches("<dd id=\"campaign-deadline\"><time datetime=\"[^\"]+Z\">[^<]+ UTC</time></dd>", details.Text);

        using var respondent = after.CreateClient();
        using var response = await respondent.GetAsync(new Uri($"/s/{token}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await HtmlPage.ReadAsync(response);
        Assert.Matches("<p id=\"deadline\">Please answer by <strong><time datetime=\"[^\"]+Z\">[^<]+ UTC</time></strong>.</p>", form.Text);
        Assert.DoesNotContain("Europe/Berlin", form.Text, StringComparison.Ordinal);
    }
}

public sealed class TimeZoneStoredShapeOnSqliteTests : TimeZoneStoredShapeTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(_directory.SqliteNodeSettings());
}

public sealed class TimeZoneStoredShapeOnPostgresTests(PostgresServer postgres) : TimeZoneStoredShapeTests
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => postgres.NodeSettingsAsync();
}
