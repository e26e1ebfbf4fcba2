using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Scorecards.Surveys;

namespace SupplierQuality.Integration.Tests.Metrics;

[Collection(MetricsNode.Collection)]
public sealed class MetricImportPagesTests(MetricsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string ThisQuarter => MetricQuarter.Of(DateTimeOffset.UtcNow).ToString();

    /// <summary>Posts the upload form as a browser does: multipart, with the antiforgery token of the page.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv)
    {
        var token = await client.GetAntiforgeryTokenAsync("/metrics/import");
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "Upload", "metrics.csv");
        content.Add(new StringContent(token), NodeClientExtensions.AntiforgeryField);
        return await client.PostAsync("/metrics/import", content, Cancel);
    }

    /// <summary>Uploads a file without problems and returns the path of its preview.</summary>
    private static async Task<string> StageAsync(HttpClient client, string csv)
    {
        using var response = await UploadAsync(client, csv);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await HtmlPage.ReadAsync(response)).Text);
        var path = response.RedirectTarget()!;
        Assert.Matches("^/metrics/import/[0-9a-f-]{36}$", path);
        return path;
    }

    /// <summary>Presses the confirm button of a preview and returns the page it leads to.</summary>
    private static async Task<HtmlPage> ConfirmAsync(HttpClient client, string preview)
    {
        using var response = await client.PostFormAsync(preview + "?handler=Confirm", [], preview);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(preview, response.RedirectTarget());
        return await HtmlPage.GetAsync(client, preview);
    }

    private Task<IReadOnlyList<StoredMetric>> StoredAsync(Guid supplierId) => fixture.Node.Grains.GetSupplierScorecard(supplierId).GetMetricsAsync();

    [Fact]
    public async Task The_preview_lists_every_bad_row_with_its_line_number_and_writes_nothing()
    {
        using var client = await fixture.SignedInManagerAsync();
        var tag = MetricsNode.Tag();
        var supplier = (await fixture.SuppliersAsync(tag, 1))[0];
        var erp = MetricsNode.ExternalId(tag, 0);
        var csv = $"""
            external_id,period,metric,value,target,direction
            {erp},{ThisQuarter},On-time delivery %,96,95,
            {erp},{ThisQuarter},Defect PPM,lots,250,
            ERP-nobody-{tag},{ThisQuarter},Defect PPM,100,250,
            {erp},2026-Q7,Lead time days,12,10,lower
            {erp},{ThisQuarter},=1+2,12,10,lower
            {erp},{ThisQuarter},Lead time days,12,10,
            {erp},{ThisQuarter},on_time_delivery,97,95,
            """;

        using var response = await UploadAsync(client, csv);

        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Error: Import objective metrics · SupplierQuality", page.Title);
        Assert.Contains("Nothing was imported: the file has 6 problems", page.Text, StringComparison.Ordinal);
        Assert.Matches(@"<td>3</td>\s*<td>value</td>\s*<td>""lots"" is not a number\.", page.Text);
        Assert.Matches($@"<td>4</td>\s*<td>external_id</td>\s*<td>No saved supplier has the external id ""ERP-nobody-{tag}""", page.Text);
        Assert.Matches(@"<td>5</td>\s*<td>period</td>\s*<td>""2026-Q7"" is not a quarter\. Write the year and the quarter, such as 2026-Q4\.</td>", page.Text);
        Assert.Matches(@"<td>6</td>\s*<td>metric</td>\s*<td>The value starts with ""="", so a spreadsheet would run it as a formula", page.Text);
        Assert.Matches(@"<td>7</td>\s*<td>direction</td>\s*<td>Write higher or lower: ""Lead time days"" is not", page.Text);
        Assert.Matches(@"<td>8</td>\s*<td>metric</td>\s*<td>Line 2 already gives On-time delivery % of """, page.Text);
        Assert.Contains("The file has 7 rows. Of its rows without problems, 1 would be added, 0 would replace a saved value and 0 are unchanged.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Confirm", page.Text, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(supplier.Id));
    }

    [Fact]
    public async Task A_good_file_is_previewed_then_imported_and_importing_it_again_changes_nothing()
    {
        using var client = await fixture.SignedInManagerAsync();
        var tag = MetricsNode.Tag();
        var suppliers = await fixture.SuppliersAsync(tag, 2);
        var csv = $"""
            External ID;Period;Metric;Value;Target;Direction;Worst
            {MetricsNode.ExternalId(tag, 0)};{ThisQuarter};On-time delivery %;96,5%;95;;
            {MetricsNode.ExternalId(tag, 0)};{ThisQuarter};Defect PPM;400;250;lower;
            {MetricsNode.ExternalId(tag, 1)};{ThisQuarter};Lead time days;12;10;lower;20
            """;

        var preview = await HtmlPage.GetAsync(client, await StageAsync(client, csv));

        Assert.Equal("Preview metrics import · SupplierQuality", preview.Title);
        Assert.Contains("Preview of metrics.csv", preview.Text, StringComparison.Ordinal);
        Assert.Contains("The file has 3 rows: 3 to add, 0 to replace, 0 unchanged. Nothing is saved yet.", preview.Text, StringComparison.Ordinal);
        Assert.Matches($@"<td>3</td>\s*<td><a href=""/suppliers/{suppliers[0].Id}/scorecard"">{suppliers[0].Name}</a></td>\s*<td>{ThisQuarter}</td>\s*<td>Defect PPM</td>\s*<td>400</td>\s*<td>250</td>\s*<td>Lower is better</td>\s*<td>93\.3</td>", preview.Text);
        Assert.Matches(@"<td>Lead time days</td>\s*<td>12</td>\s*<td>10 \(worst 20\)</td>\s*<td>Lower is better</td>\s*<td>80\.0</td>", preview.Text);
        Assert.Contains("<button type=\"submit\">Import: add 3</button>", preview.Text, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(suppliers[0].Id));

        var result = await ConfirmAsync(client, await StageAsync(client, csv));
        var again = await HtmlPage.GetAsync(client, await StageAsync(client, csv));
        var changed = await HtmlPage.GetAsync(client, await StageAsync(client, csv.Replace("96,5%", "91", StringComparison.Ordinal)));

        Assert.Contains("3 added, 0 replaced, 0 unchanged.", result.Text, StringComparison.Ordinal);
        Assert.Equal([(MetricInput.DefectPpm, 400.0), (MetricInput.OnTimeDelivery, 96.5)], (await StoredAsync(suppliers[0].Id)).Select(m => (m.Metric.Name, m.Metric.Value)));
        Assert.Contains("The file has 3 rows: 0 to add, 0 to replace, 3 unchanged.", again.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing to import: every metric in the file is already saved as the file says.", again.Text, StringComparison.Ordinal);
        Assert.Contains("The file has 3 rows: 0 to add, 1 to replace, 2 unchanged.", changed.Text, StringComparison.Ordinal);
        Assert.Matches(@"<td>91</td>\s*<td>95</td>\s*<td>Higher is better</td>\s*<td>95\.8</td>\s*<td>96\.5 against 95, higher is better</td>", changed.Text);
    }

    [Fact]
    public async Task The_scorecard_shows_the_metrics_beside_the_survey_and_an_executive_reads_them()
    {
        await fixture.WeightMetricsAsync();
        var tag = MetricsNode.Tag();
        var suppliers = await fixture.SuppliersAsync(tag, 1);
        var (campaign, quarter) = await fixture.LaunchAsync(suppliers, $"{tag} survey");
        await fixture.Surveys.AnswerAsync(campaign, suppliers[0].RatedBy(campaign.Evaluators[0]), HighRating);
        using (var manager = await fixture.SignedInManagerAsync())
        {
            var csv = $"external_id,period,metric,value,target\n{MetricsNode.ExternalId(tag, 0)},{quarter},On-time delivery %,76,95";
            Assert.Contains("1 added, 0 replaced, 0 unchanged.", (await ConfirmAsync(manager, await StageAsync(manager, csv))).Text, StringComparison.Ordinal);
        }

        await fixture.Surveys.RankingAsync(campaign, p => p.Items.Any(r => r.MetricsScore is not null && r.Responses == 1));
        using var executive = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);
        var card = await HtmlPage.GetAsync(executive, $"/suppliers/{suppliers[0].Id}/scorecard");
        var ranking = await HtmlPage.GetAsync(executive, $"/rankings?period={campaign.Period}");

        // 76 against 95 scores 80; raw = (100 · 86.5 + 25 · 80) / 125 = 85.2, alone in its ranking, so also its score.
        var key = campaign.Id.ToString("N");
        Assert.Matches($@"<th scope=""row"">{quarter}</th>\s*<td>On-time delivery %</td>\s*<td>76</td>\s*<td>95</td>\s*<td>Higher is better</td>\s*<td>80\.0</td>", card.Text);
        Assert.Contains($"<dd id=\"metrics-{key}\">80.0 of 100: the mean of 1 metric of {quarter}, the quarter of the deadline (ranked, weight 25).</dd>", card.Text, StringComparison.Ordinal);
        Assert.Contains($"<dd id=\"score-{key}\">", card.Text, StringComparison.Ordinal);
        Assert.Contains("85.2 of 100", card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/metrics/import", card.Text, StringComparison.Ordinal);
        Assert.Contains($"<td id=\"metrics-{suppliers[0].Id}\">80.0 (1 metric)</td>", ranking.Text, StringComparison.Ordinal);
        Assert.Contains($"<td id=\"raw-{suppliers[0].Id}\">85.2</td>", ranking.Text, StringComparison.Ordinal);
        Assert.Contains("Objective metrics blend in with weight 25:", ranking.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics/import")]
    [InlineData("/metrics/import/0f8fad5b-d9cb-469f-a165-70867728950e")]
    public async Task An_executive_may_not_import(string path)
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        using var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_a_supplier_column_is_refused()
    {
        using var client = await fixture.SignedInManagerAsync();

        using var response = await UploadAsync(client, "company,period,metric,value,target\nAcme,2026-Q1,OTD,1,2");

        var page = await HtmlPage.ReadAsync(response);
        Assert.Contains("Unknown column: \"company\".", page.Text, StringComparison.Ordinal);
        Assert.Contains("The file has no external_id or supplier_id column", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preview_that_is_no_longer_held_says_to_upload_again()
    {
        using var client = await fixture.SignedInManagerAsync();

        using var response = await client.GetAsync($"/metrics/import/{Guid.NewGuid()}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This import is no longer available", (await HtmlPage.ReadAsync(response)).Text, StringComparison.Ordinal);
    }
}
