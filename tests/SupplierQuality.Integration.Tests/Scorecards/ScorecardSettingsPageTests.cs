using System.Globalization;
using System.Net;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Scorecards;

/// <summary>
/// A node of its own, where nobody ever answers a survey: these tests change the installation's scorecard settings,
/// which would move the rankings the other scorecard tests check.
/// </summary>
public sealed class QuietNode : SharedNode;

public sealed class ScorecardSettingsPageTests(QuietNode fixture) : IClassFixture<QuietNode>
{
    private const string Path = "/admin/scorecard-settings";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_quality_manager_saves_a_new_version_and_the_history_says_who_saved_it()
    {
        var manager = await fixture.Node.CreateAccountAsync(Roles.QualityManager);
        using var client = fixture.Node.CreateClient();
        await client.SignInAsync(manager.Email, manager.Password);
        var form = await HtmlPage.GetAsync(client, Path);
        var version = int.Parse(form.ValueOf("Form_Version")!, CultureInfo.InvariantCulture);
        var m = double.Parse(form.ValueOf("Form_PriorWeight")!, CultureInfo.InvariantCulture) + 1;

        using var saved = await client.PostFormAsync(Path, Fields(version, ("PriorWeight", m.ToString(CultureInfo.InvariantCulture))));
        var after = await HtmlPage.GetAsync(client, Path);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains($"Saved version {version + 1}.", after.Text, StringComparison.Ordinal);
        Assert.Matches($"<th scope=\"row\">{version + 1}</th>\\s*<td>{manager.Email}</td>\\s*<td><time datetime=\"\\d{{4}}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\">\\d{{1,2}} [A-Z][a-z]+ \\d{{4}}, \\d\\d:\\d\\d UTC</time></td>", after.Text);
        Assert.Contains($"(m = {m.ToString(CultureInfo.InvariantCulture)})", after.Text, StringComparison.Ordinal);
        Assert.Equal((version + 1, m, manager.Email), await CurrentAsync());
        Assert.DoesNotContain(" style=", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_from_a_page_opened_before_someone_elses_save_is_refused_with_the_reason()
    {
        using var client = await fixture.SignedInManagerAsync();
        var form = await HtmlPage.GetAsync(client, Path);
        var version = int.Parse(form.ValueOf("Form_Version")!, CultureInfo.InvariantCulture);
        var settings = fixture.Node.Grains.GetScorecardSettings();
        var current = (await settings.GetAsync()).Settings;
        Assert.NotNull((await settings.SaveAsync(current with { PriorWeight = current.PriorWeight + 0.5 }, version, "someone@else.test")).Saved);

        using var refused = await client.PostFormAsync(Path, Fields(version, ("MinimumResponses", "7")));
        var page = await HtmlPage.ReadAsync(refused);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains($"Someone saved version {version + 1} since you opened these settings: reload them and try again.", page.Text, StringComparison.Ordinal);
        Assert.Equal("7", page.ValueOf("Form_MinimumResponses"));
        Assert.Equal((version + 1, "someone@else.test"), ((await settings.GetAsync()).Version, (await settings.GetAsync()).ChangedBy));
    }

    [Fact]
    public async Task Thresholds_out_of_order_and_a_word_for_a_number_are_refused_with_messages_at_their_fields()
    {
        using var client = await fixture.SignedInManagerAsync();
        var form = await HtmlPage.GetAsync(client, Path);
        var version = int.Parse(form.ValueOf("Form_Version")!, CultureInfo.InvariantCulture);

        using var disorder = await client.PostFormAsync(Path, Fields(version, ("Strategic", "50"), ("Preferred", "70")));
        using var word = await client.PostFormAsync(Path, Fields(version, ("InternalEvaluationWeight", "lots")));
        var thresholds = await HtmlPage.ReadAsync(disorder);
        var number = await HtmlPage.ReadAsync(word);

        Assert.Equal(HttpStatusCode.OK, disorder.StatusCode);
        Assert.Contains("<a href=\"#Form_Preferred\">The Preferred threshold must be below the Strategic threshold (50).</a>", thresholds.Text, StringComparison.Ordinal);
        Assert.Matches("<span id=\"Form_Preferred-error\" class=\"field-error\">The Preferred threshold must be below the Strategic threshold \\(50\\).</span>", thresholds.Text);
        Assert.Matches("id=\"Form_Preferred\"[^>]*aria-invalid=\"true\"", thresholds.Text);
        Assert.Equal("50", thresholds.ValueOf("Form_Strategic"));
        Assert.Contains("<a href=\"#Form_InternalEvaluationWeight\">Enter a number, such as 2.5.</a>", number.Text, StringComparison.Ordinal);
        Assert.Equal("lots", number.ValueOf("Form_InternalEvaluationWeight"));
        Assert.Equal(version, (await fixture.Node.Grains.GetScorecardSettings().GetAsync()).Version);
    }

    [Fact]
    public async Task Only_an_admin_may_rebuild_and_is_told_how_many_lines_were_rebuilt()
    {
        using var admin = fixture.Node.CreateClient();
        await admin.SignInAsync(TestNode.AdminEmail, TestNode.AdminPassword);
        using var manager = await fixture.SignedInManagerAsync();
        var managerPage = await HtmlPage.GetAsync(manager, Path);

        using var refused = await manager.PostFormAsync($"{Path}?handler=Rebuild", []);
        using var rebuilt = await admin.PostFormAsync($"{Path}?handler=Rebuild", []);
        var after = await HtmlPage.GetAsync(admin, Path);

        Assert.DoesNotContain("Rebuild scorecards and rankings", managerPage.Text, StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", refused.RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, rebuilt.StatusCode);
        Assert.Contains("Rebuilt 0 supplier-campaign lines from the stored answers; the rankings were read again.", after.Text, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Rebuild scorecards and rankings</button>", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metrics_weight_is_saved_with_its_sentence_and_kept_in_the_history()
    {
        using var client = await fixture.SignedInManagerAsync();
        var form = await HtmlPage.GetAsync(client, Path);
        var version = int.Parse(form.ValueOf("Form_Version")!, CultureInfo.InvariantCulture);
        var before = (await fixture.Node.Grains.GetScorecardSettings().GetAsync()).Settings;

        using var negative = await client.PostFormAsync(Path, Fields(version, ("MetricsWeight", "-1")));
        using var saved = await client.PostFormAsync(Path, Fields(version, ("MetricsWeight", "20")));
        var after = await HtmlPage.GetAsync(client, Path);
        var current = await fixture.Node.Grains.GetScorecardSettings().GetAsync();

        Assert.Equal("0", form.ValueOf("Form_MetricsWeight"));
        Assert.Contains("Objective metrics are shown, not ranked (weight 0).", form.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_MetricsWeight\">A weight is a number from 0 to 1000.</a>", (await HtmlPage.ReadAsync(negative)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(ScorecardSettings.Default with { MetricsWeight = 20 }, current.Settings);
        Assert.Contains("Objective metrics blend in with weight 20:", after.Text, StringComparison.Ordinal);
        Assert.Matches($"<th scope=\"row\">{version + 1}</th>(\\s*<td>[^<]*(<time[^>]*>[^<]*</time>)?</td>){{4}}\\s*<td>20</td>", after.Text);

        // Put back what the other tests of this node expect.
        var restored = await fixture.Node.Grains.GetScorecardSettings().SaveAsync(before, current.Version, "qm@test.local");
        Assert.NotNull(restored.Saved);
    }

    [Fact]
    public async Task An_executive_may_not_open_the_settings()
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        using var response = await client.GetAsync(Path, Cancel);

        Assert.StartsWith("/account/denied", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_anyone_answers_the_ranking_says_there_are_no_responses_yet()
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        var page = await HtmlPage.GetAsync(client, "/rankings");
        using var api = await fixture.Reader.GetAsync("/api/rankings", Cancel);

        Assert.Contains("<strong>No responses yet.</strong>", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    /// <summary>The form as posted: the defaults, with some fields changed.</summary>
    private static List<KeyValuePair<string, string>> Fields(int version, params (string Field, string Value)[] changes)
    {
        var d = ScorecardSettings.Default;
        var fields = new Dictionary<string, string>
        {
            ["InternalEvaluationWeight"] = Text(d.InternalEvaluationWeight),
            ["SelfAssessmentWeight"] = Text(d.SelfAssessmentWeight),
            ["MetricsWeight"] = Text(d.MetricsWeight),
            ["PriorWeight"] = Text(d.PriorWeight),
            ["MinimumResponses"] = d.MinimumResponses.ToString(CultureInfo.InvariantCulture),
            ["Strategic"] = Text(d.Strategic),
            ["Preferred"] = Text(d.Preferred),
            ["Approved"] = Text(d.Approved),
            ["Conditional"] = Text(d.Conditional),
        };
        foreach (var (field, value) in changes)
        {
            fields[field] = value;
        }

        return [new("Form.Version", version.ToString(CultureInfo.InvariantCulture)), .. fields.Select(f => new KeyValuePair<string, string>($"Form.{f.Key}", f.Value))];
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<(int Version, double PriorWeight, string ChangedBy)> CurrentAsync()
    {
        var current = await fixture.Node.Grains.GetScorecardSettings().GetAsync();
        return (current.Version, current.Settings.PriorWeight, current.ChangedBy);
    }
}
