using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Scorecards.Surveys;

namespace SupplierQuality.Integration.Tests.Scorecards;

[Collection(ScorecardsNode.Collection)]
public sealed class ScorecardsApiTests(ScorecardsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_API_gives_the_same_ranking_score_as_the_page()
    {
        var (campaign, a, b) = await fixture.Surveys.AnsweredAsync("Same");
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        var json = await fixture.Reader.GetFromJsonAsync<JsonElement>($"/api/rankings?period={campaign.Period}", Cancel);
        var page = await HtmlPage.GetAsync(client, $"/rankings?period={campaign.Period}");
        var rows = json.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("supplierId").GetGuid());

        Assert.Equal(campaign.Period, json.GetProperty("period").GetString());
        Assert.Equal(2, json.GetProperty("total").GetInt32());
        Assert.Equal(["delivery", "quality"], json.GetProperty("dimensionIds").EnumerateArray().Select(d => d.GetString()));
        foreach (var supplier in new[] { a, b })
        {
            var score = rows[supplier.Id].GetProperty("rankingScore").GetDouble();
            Assert.Contains($"<td id=\"score-{supplier.Id}\">{Shown(score)}</td>", page.Text, StringComparison.Ordinal);
        }

        var rowA = rows[a.Id];
        Assert.Equal(44.625, rowA.GetProperty("rankingScore").GetDouble(), 9);
        Assert.Equal(LowRating.Score, rowA.GetProperty("rawScore").GetDouble(), 9);
        Assert.Equal(2, rowA.GetProperty("rank").GetInt32());
        Assert.Equal("Conditional", rowA.GetProperty("standing").GetString());
        Assert.Equal("None", rowA.GetProperty("movement").GetString());
        Assert.True(rowA.GetProperty("lowResponse").GetBoolean());
        Assert.Equal(1, rowA.GetProperty("responses").GetInt32());
        Assert.Equal(1, rowA.GetProperty("invited").GetInt32());
        Assert.Equal(1.0, rowA.GetProperty("responseRate").GetDouble());
        Assert.Equal(JsonValueKind.Null, rowA.GetProperty("interval").ValueKind);
        var groups = rowA.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal((LowRating.Score, true), (groups["Internal evaluation"].GetProperty("mean").GetDouble(), groups["Internal evaluation"].GetProperty("ranked").GetBoolean()));
        Assert.Equal((SelfRating.Score, false), (groups["Self-assessment"].GetProperty("mean").GetDouble(), groups["Self-assessment"].GetProperty("ranked").GetBoolean()));
    }

    [Fact]
    public async Task The_scorecard_API_keeps_the_groups_apart_with_the_numbers_of_the_ranking()
    {
        var (campaign, a, _) = await fixture.Surveys.AnsweredAsync("CardApi");

        var json = await fixture.Reader.GetFromJsonAsync<JsonElement>($"/api/suppliers/{a.Id}/scorecard", Cancel);

        var line = Assert.Single(json.GetProperty("campaigns").EnumerateArray());
        var row = line.GetProperty("row");
        var groups = row.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!, g => g.GetProperty("mean").GetDouble());
        Assert.Equal(a.Name, json.GetProperty("name").GetString());
        Assert.Equal(campaign.Id, line.GetProperty("campaignId").GetGuid());
        Assert.Equal(campaign.Period, line.GetProperty("period").GetString());
        Assert.Equal(2, line.GetProperty("rankedSuppliers").GetInt32());
        Assert.Equal(44.625, row.GetProperty("rankingScore").GetDouble(), 9);
        Assert.Equal(LowRating.Score, groups["Internal evaluation"], 9);
        Assert.Equal(SelfRating.Score, groups["Self-assessment"], 9);
        Assert.Contains(line.GetProperty("categoryDimensions").EnumerateArray(), d => d.GetProperty("dimensionId").GetString() == "quality");
    }

    [Theory]
    [InlineData("period=nonsense", "period")]
    [InlineData("period=quarter:not-a-guid:2026-4", "period")]
    [InlineData("take=0", "take")]
    [InlineData("take=501", "take")]
    [InlineData("skip=-1", "skip")]
    [InlineData("standing=golden", "standing")]
    [InlineData("sort=shoe-size", "sort")]
    public async Task A_value_that_names_nothing_is_400_with_a_message_for_its_field(string query, string field)
    {
        using var response = await fixture.Reader.GetAsync($"/api/rankings?{query}", Cancel);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(problem.GetProperty("errors").GetProperty(field).EnumerateArray());
    }

    [Fact]
    public async Task The_API_answers_only_an_API_key_not_a_signed_in_browser()
    {
        using var browser = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);

        using var response = await browser.GetAsync("/api/rankings", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
