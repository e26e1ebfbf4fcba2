using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Scorecards;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;
using static SupplierQuality.Integration.Tests.Scorecards.Surveys;

namespace SupplierQuality.Integration.Tests.Metrics;

[Collection(MetricsNode.Collection)]
public sealed class MetricsApiTests(MetricsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string ThisQuarter => MetricQuarter.Of(DateTimeOffset.UtcNow).ToString();

    private Task<HttpResponseMessage> PostAsync(object body, HttpClient? client = null) =>
        (client ?? fixture.Writer).PostAsJsonAsync("/api/metrics", body, Cancel);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    private static (int Added, int Replaced, int Unchanged) Counts(JsonElement result) =>
        (result.GetProperty("added").GetInt32(), result.GetProperty("replaced").GetInt32(), result.GetProperty("unchanged").GetInt32());

    /// <summary>DESIGN "Scoring" for a metric, written out here: 100 at or past the target, 0 at or past the worst, linear between.</summary>
    private static double Score(double value, double target, bool higherIsBetter, double? worst = null)
    {
        var bad = worst ?? (higherIsBetter ? 0 : 10 * target);
        var score = higherIsBetter ? 100 * (value - bad) / (target - bad) : 100 * (bad - value) / (bad - target);
        return Math.Max(0, Math.Min(100, score));
    }

    [Fact]
    public async Task A_batch_is_stored_per_supplier_and_sending_it_again_changes_nothing()
    {
        var tag = MetricsNode.Tag();
        var suppliers = await fixture.SuppliersAsync(tag, 2);
        var batch = new
        {
            metrics = new object[]
            {
                new { externalId = MetricsNode.ExternalId(tag, 0), period = ThisQuarter, metric = "on_time_delivery", value = 96.5, target = 95 },
                new { externalId = MetricsNode.ExternalId(tag, 0), period = ThisQuarter, metric = "Defect PPM", value = 180, target = 250, direction = "lower" },
                new { supplierId = suppliers[1].Id.ToString(), period = ThisQuarter, metric = "Lead time days", value = 12, target = 10, direction = "lower", worst = 20 },
            },
        };

        using var first = await PostAsync(batch);
        using var again = await PostAsync(batch);

        Assert.Equal((3, 0, 0), Counts(await JsonAsync(first, HttpStatusCode.OK)));
        Assert.Equal((0, 0, 3), Counts(await JsonAsync(again, HttpStatusCode.OK)));
        var a = await fixture.Node.Grains.GetSupplierScorecard(suppliers[0].Id).GetMetricsAsync();
        var b = Assert.Single(await fixture.Node.Grains.GetSupplierScorecard(suppliers[1].Id).GetMetricsAsync());
        Assert.Equal([MetricInput.DefectPpm, MetricInput.OnTimeDelivery], a.Select(m => m.Metric.Name));
        Assert.Equal(("Lead time days", 80.0), (b.Metric.Name, b.Metric.Score()!.Value));
        Assert.StartsWith("API key", b.ImportedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_value_replaces_the_old_one_of_the_same_metric_and_quarter()
    {
        var tag = MetricsNode.Tag();
        var supplier = (await fixture.SuppliersAsync(tag, 1))[0];
        object Batch(double value) => new { metrics = new[] { new { externalId = MetricsNode.ExternalId(tag, 0), period = ThisQuarter, metric = MetricInput.OnTimeDelivery, value, target = 95.0 } } };
        using (await PostAsync(Batch(90)))
        {
        }

        using var replaced = await PostAsync(Batch(93));

        Assert.Equal((0, 1, 0), Counts(await JsonAsync(replaced, HttpStatusCode.OK)));
        Assert.Equal(93, Assert.Single(await fixture.Node.Grains.GetSupplierScorecard(supplier.Id).GetMetricsAsync()).Metric.Value);
    }

    [Fact]
    public async Task A_batch_with_bad_items_is_refused_whole_with_a_message_per_item_and_field()
    {
        var tag = MetricsNode.Tag();
        var supplier = (await fixture.SuppliersAsync(tag, 1))[0];
        var good = new { externalId = MetricsNode.ExternalId(tag, 0), period = ThisQuarter, metric = "On-time delivery %", value = 97.0, target = 95.0 };
        var batch = new
        {
            metrics = new object?[]
            {
                good,
                new { externalId = "ERP-nobody-" + tag, period = ThisQuarter, metric = "Defect PPM", value = 1.0, target = 2.0 },
                new { supplierId = "not-an-id", period = ThisQuarter, metric = "Defect PPM", value = 1.0, target = 2.0 },
                new { externalId = MetricsNode.ExternalId(tag, 0), period = ThisQuarter, metric = "Defect PPM", value = 1.0, target = 2.0, direction = "higher" },
                new { externalId = MetricsNode.ExternalId(tag, 0), period = "2026-Q9", metric = "Scrap %", target = 2.0, direction = "lower" },
                new { externalId = MetricsNode.ExternalId(tag, 0), period = ThisQuarter, metric = "=cmd|' /C calc'!A0", value = 1.0, target = 2.0, direction = "lower" },
                null,
            },
        };

        using var response = await PostAsync(batch);

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString());
        Assert.Equal("The metrics have errors.", problem.GetProperty("title").GetString());
        Assert.Contains("so nothing was saved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Not a supplier id: send the id the supplier API gives, or use externalId.", errors["metrics[2].supplierId"]);
        Assert.Equal("Defect PPM is better when lower: write lower, or leave the direction empty.", errors["metrics[3].direction"]);
        Assert.Equal("Not a quarter: send the year and the quarter, such as 2026-Q4.", errors["metrics[4].period"]);
        Assert.Equal("Enter the measured value, such as 97.5.", errors["metrics[4].value"]);
        Assert.StartsWith("The value starts with \"=\"", errors["metrics[5].metric"], StringComparison.Ordinal);
        Assert.Equal("Send each metric as an object.", errors["metrics[6]"]);
        Assert.DoesNotContain(errors.Keys, k => k.StartsWith("metrics[0]", StringComparison.Ordinal));
        Assert.Empty(await fixture.Node.Grains.GetSupplierScorecard(supplier.Id).GetMetricsAsync());

        // With the item errors fixed, an unknown supplier is still named, and still nothing is written.
        using var unknown = await PostAsync(new { metrics = new object[] { good, batch.metrics[1]! } });
        var second = await JsonAsync(unknown, HttpStatusCode.BadRequest);
        Assert.StartsWith($"No saved supplier has the external id \"ERP-nobody-{tag}\".", second.GetProperty("errors").GetProperty("metrics[1].externalId")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await fixture.Node.Grains.GetSupplierScorecard(supplier.Id).GetMetricsAsync());
    }

    [Theory]
    [InlineData("{\"metrics\": [{\"value\": \"lots\"}]}", "The body is not valid JSON for this request")]
    [InlineData("{\"metrics\": []}", "")]
    [InlineData("[1, 2", "The body is not valid JSON for this request")]
    public async Task A_body_that_cannot_be_read_is_400_with_a_reason_not_500(string body, string detail)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await fixture.Writer.PostAsync("/api/metrics", content, Cancel);

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_executives_key_reads_but_may_not_import()
    {
        using var response = await PostAsync(new { metrics = Array.Empty<object>() }, fixture.Reader);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_ranking_API_blends_metrics_by_their_weight_as_an_independent_computation_does()
    {
        await fixture.WeightMetricsAsync();
        var tag = MetricsNode.Tag();
        var suppliers = await fixture.SuppliersAsync(tag, 3);
        var (a, b, c) = (suppliers[0], suppliers[1], suppliers[2]);
        var (campaign, quarter) = await fixture.LaunchAsync(suppliers, $"{tag} survey");
        var surveys = fixture.Surveys;
        await surveys.AnswerAsync(campaign, a.Contact, SelfRating);
        await surveys.AnswerAsync(campaign, a.RatedBy(campaign.Evaluators[0]), LowRating);
        await surveys.AnswerAsync(campaign, b.RatedBy(campaign.Evaluators[0]), HighRating);
        await surveys.AnswerAsync(campaign, c.RatedBy(campaign.Evaluators[0]), HighRating);
        var earlier = quarter.Quarter == 1 ? new MetricQuarter(quarter.Year - 1, 4) : quarter with { Quarter = quarter.Quarter - 1 };
        using var imported = await PostAsync(new
        {
            metrics = new object[]
            {
                new { externalId = MetricsNode.ExternalId(tag, 0), period = quarter.ToString(), metric = "On-time delivery %", value = 97.0, target = 95.0 },
                new { externalId = MetricsNode.ExternalId(tag, 0), period = quarter.ToString(), metric = "Defect PPM", value = 400.0, target = 250.0 },
                new { externalId = MetricsNode.ExternalId(tag, 1), period = quarter.ToString(), metric = "On-time delivery %", value = 80.0, target = 95.0 },
                new { externalId = MetricsNode.ExternalId(tag, 1), period = quarter.ToString(), metric = "Lead time days", value = 12.0, target = 10.0, direction = "lower", worst = 20.0 },
                new { externalId = MetricsNode.ExternalId(tag, 2), period = earlier.ToString(), metric = "On-time delivery %", value = 10.0, target = 95.0 },
            },
        });
        Assert.Equal((5, 0, 0), Counts(await JsonAsync(imported, HttpStatusCode.OK)));

        var json = await EventuallyAsync(
            () => fixture.Reader.GetFromJsonAsync<JsonElement>($"/api/rankings?period={campaign.Period}", Cancel),
            j => j.GetProperty("items").EnumerateArray().Count(r => r.GetProperty("metricsScore").ValueKind == JsonValueKind.Number) == 2
                && j.GetProperty("items").EnumerateArray().All(r => r.GetProperty("responses").GetInt32() == 1),
            "the ranking with the metrics",
            seconds: 30);

        // By hand: A's metrics 100 (97 beats 95) and 100·(2500 − 400)/(2500 − 250); B's 100·80/95 and
        // 100·(20 − 12)/(20 − 10); C's metric is of another quarter, so C is ranked on its survey alone.
        var metricsA = (Score(97, 95, true) + Score(400, 250, false)) / 2;
        var metricsB = (Score(80, 95, true) + Score(12, 10, false, 20)) / 2;
        var weight = MetricsNode.Weight;
        var raw = new Dictionary<Guid, double>
        {
            [a.Id] = ((100 * LowRating.Score) + (weight * metricsA)) / (100 + weight),
            [b.Id] = ((100 * HighRating.Score) + (weight * metricsB)) / (100 + weight),
            [c.Id] = HighRating.Score,
        };
        var prior = raw.Values.Average();
        var rows = json.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("supplierId").GetGuid());
        foreach (var (id, expected) in raw)
        {
            Assert.Equal(expected, rows[id].GetProperty("rawScore").GetDouble(), 9);
            Assert.Equal((expected + (3 * prior)) / 4, rows[id].GetProperty("rankingScore").GetDouble(), 9);
        }

        Assert.Equal(metricsA, rows[a.Id].GetProperty("metricsScore").GetDouble(), 9);
        Assert.Equal(metricsB, rows[b.Id].GetProperty("metricsScore").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, rows[c.Id].GetProperty("metricsScore").ValueKind);
        Assert.Equal(
            ["Defect PPM:lower:93.333", "On-time delivery %:higher:100.000"],
            rows[a.Id].GetProperty("metrics").EnumerateArray().Select(m => FormattableString.Invariant($"{m.GetProperty("metric").GetString()}:{m.GetProperty("direction").GetString()}:{m.GetProperty("score").GetDouble():0.000}")));
        Assert.Contains("Objective metrics blend in with weight 25", json.GetProperty("rule").GetString(), StringComparison.Ordinal);

        var card = await fixture.Reader.GetFromJsonAsync<JsonElement>($"/api/suppliers/{c.Id}/scorecard", Cancel);
        var stored = Assert.Single(card.GetProperty("metrics").EnumerateArray());
        Assert.Equal((earlier.ToString(), "On-time delivery %", 10.0, 95.0, "higher"), (stored.GetProperty("period").GetString(), stored.GetProperty("metric").GetString(), stored.GetProperty("value").GetDouble(), stored.GetProperty("target").GetDouble(), stored.GetProperty("direction").GetString()));
        Assert.Equal(Score(10, 95, true), stored.GetProperty("score").GetDouble(), 9);
    }
}
