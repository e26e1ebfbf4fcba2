using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Scorecards;

/// <summary>
/// Hundreds of answers from both respondent groups through the survey form on PostgreSQL, and the ranking API checked
/// against the DESIGN definitions computed here, independently of the product's scoring code.
/// </summary>
public sealed class RankingOnPostgresTests(PostgresServer postgres)
{
    private const int SupplierCount = 200;
    private const int ParallelClients = 8;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_ranking_API_equals_an_independent_computation_over_600_answers_from_both_groups()
    {
        postgres.RequireAvailable();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = null,
            ["ConnectionStrings:SupplierQuality"] = await postgres.CreateDatabaseAsync(),
            ["Survey:RateLimit:PermitLimit"] = "100000",
            ["Campaigns:TickPeriod"] = "00:00:01",
            ["Campaigns:BatchSize"] = "100",
        });
        var (suppliers, _) = await SuppliersAsync(node.Grains, [.. Enumerable.Repeat(1, SupplierCount)]);
        var questionnaire = await QuestionnaireAsync(node);
        Evaluator[] evaluators = [new("Eve Buyer", "eve@buyer.test"), new("Ivan Engineer", "ivan@buyer.test")];
        var campaignId = Guid.NewGuid();
        var campaign = node.Grains.GetGrain<ICampaignGrain>(campaignId);
        var definition = Definition(questionnaire.Id, DateTimeOffset.UtcNow, suppliers) with { Evaluators = evaluators };
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await EventuallyAsync(campaign.GetAsync, c => c!.Counts.Invited == SupplierCount * 3, "every invitation issued", seconds: 180);

        // Each supplier: its contact rates itself high; both evaluators rate it by a seeded draw.
        var random = new Random(13);
        var key = await node.Grains.GetGrain<IInvitationLinkKeyGrain>(0).GetAsync();
        var answers = new List<Answer>();
        foreach (var supplierId in suppliers)
        {
            var contact = (await node.Grains.GetGrain<ISupplierGrain>(supplierId).GetAsync())!.Contacts[0].Email;
            answers.Add(new Answer(supplierId, Token(key, campaignId, supplierId, RecipientKind.Contact, contact), RecipientKind.Contact, 5, 10, true));
            foreach (var evaluator in evaluators)
            {
                answers.Add(new Answer(
                    supplierId, Token(key, campaignId, supplierId, RecipientKind.Evaluator, evaluator.Email), RecipientKind.Evaluator,
                    random.Next(1, 6), random.Next(0, 11), random.Next(4) > 0));
            }
        }

        await Parallel.ForEachAsync(answers, new ParallelOptions { MaxDegreeOfParallelism = ParallelClients, CancellationToken = Cancel }, async (answer, cancel) =>
        {
            using var client = node.CreateClient();
            using var response = await client.PostFormAsync($"/s/{answer.Token}", [.. answer.Fields(questionnaire.Version), new("action", "submit")]);
            Assert.Equal($"/s/{answer.Token}?submitted=true", response.RedirectTarget());
        });

        var expected = Expected(answers);
        using var api = await node.CreateApiClientAsync(Roles.Executive);
        var rows = await EventuallyAsync(
            () => RankingAsync(api, campaignId),
            r => r.Count == SupplierCount && r.All(x => x.Responses == 2),
            "every answer in the ranking");

        Assert.Equal(SupplierCount * 3, answers.Count);
        foreach (var row in rows)
        {
            var want = expected[row.SupplierId];
            Assert.Equal(want.Rank, row.Rank);
            Assert.Equal(want.RankingScore, row.RankingScore, 9);
            Assert.Equal(want.Raw, row.RawScore, 9);
            Assert.Equal(want.Standing, row.Standing);
            Assert.Equal(want.Lower, row.Lower, 6);
            Assert.Equal(want.Upper, row.Upper, 6);
            Assert.Equal(want.SelfAssessment, row.SelfAssessmentMean, 9);
        }
    }

    /// <summary>DESIGN "Scoring", written out for this questionnaire and the default settings.</summary>
    private static Dictionary<Guid, Expectation> Expected(List<Answer> answers)
    {
        const double m = 3;
        var bySupplier = answers.GroupBy(a => a.SupplierId).ToDictionary(
            g => g.Key,
            g => (Internal: g.Where(a => a.Group == RecipientKind.Evaluator).Select(a => a.Score).ToArray(),
                  Self: g.Single(a => a.Group == RecipientKind.Contact).Score));
        var prior = bySupplier.Values.Average(s => s.Internal.Average());
        var scores = bySupplier.ToDictionary(s => s.Key, s =>
        {
            var x = s.Value.Internal;
            var mean = x.Average();
            var sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
            var t = Math.Tan(Math.PI * (0.975 - 0.5)); // Student's t quantile for one degree of freedom (Cauchy).
            var half = t * sd / Math.Sqrt(x.Length);
            return (Raw: mean, Score: ((x.Length * mean) + (m * prior)) / (x.Length + m), Lower: mean - half, Upper: mean + half, s.Value.Self);
        });
        return scores.ToDictionary(s => s.Key, s => new Expectation(
            1 + scores.Values.Count(o => o.Score > s.Value.Score + 1e-9),
            s.Value.Score,
            s.Value.Raw,
            s.Value.Score switch { >= 85 => "Strategic", >= 70 => "Preferred", >= 55 => "Approved", >= 40 => "Conditional", _ => "At risk" },
            s.Value.Lower,
            s.Value.Upper,
            s.Value.Self));
    }

    private static async Task<List<Row>> RankingAsync(HttpClient api, Guid campaignId)
    {
        var page = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/rankings?period=campaign:{campaignId:N}&take=500", UriKind.Relative), Cancel);
        return [.. page.GetProperty("items").EnumerateArray().Select(r => new Row(
            r.GetProperty("supplierId").GetGuid(),
            r.GetProperty("rank").GetInt32(),
            r.GetProperty("rankingScore").GetDouble(),
            r.GetProperty("rawScore").GetDouble(),
            r.GetProperty("responses").GetInt32(),
            r.GetProperty("standing").GetString()!,
            r.GetProperty("interval").GetProperty("lower").GetDouble(),
            r.GetProperty("interval").GetProperty("upper").GetDouble(),
            r.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "Self-assessment").GetProperty("mean").GetDouble()))];
    }

    private static async Task<(Guid Id, QuestionnaireVersion Version)> QuestionnaireAsync(TestNode node)
    {
        var id = Guid.NewGuid();
        var questionnaire = node.Grains.GetGrain<IQuestionnaireGrain>(id);
        var content = new QuestionnaireContent
        {
            Title = "Supplier evaluation",
            Dimensions = [new("quality", "Quality", 60m), new("delivery", "Delivery", 40m)],
            Questions =
            [
                new() { Kind = QuestionKind.Likert, Text = "How good were the parts?", DimensionId = "quality", Required = true, Points = 5, LowLabel = "Very poor", HighLabel = "Excellent" },
                new() { Kind = QuestionKind.Rating, Text = "How likely are you to recommend them?", DimensionId = "quality", Required = true, Nps = true, LowLabel = "Not at all", HighLabel = "Extremely" },
                new() { Kind = QuestionKind.YesNo, Text = "Were deliveries on time?", DimensionId = "delivery", Required = true },
            ],
        };
        Assert.Equal(CommandOutcome.Created, (await questionnaire.CreateAsync(new CreateQuestionnaire(content))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome);
        return (id, (await questionnaire.GetVersionAsync(1))!);
    }

    private static string Token(byte[] key, Guid campaignId, Guid supplierId, RecipientKind kind, string email) =>
        InvitationLinks.Token(key, InvitationLinks.Identity(campaignId, supplierId, kind, email));

    private sealed record Answer(Guid SupplierId, string Token, RecipientKind Group, int Likert, int Rating, bool OnTime)
    {
        /// <summary>Quality = mean(100·(x−1)/4, 10·r); delivery = 100 or 0; overall = (60·quality + 40·delivery)/100.</summary>
        public double Score => ((60 * (((100.0 * (Likert - 1) / 4) + (10.0 * Rating)) / 2)) + (40 * (OnTime ? 100.0 : 0))) / 100;

        public IEnumerable<KeyValuePair<string, string>> Fields(QuestionnaireVersion version)
        {
            string Id(QuestionKind kind) => $"answers[{version.Questions.First(q => q.Kind == kind).Id}]";
            yield return new(Id(QuestionKind.Likert), Likert.ToString(CultureInfo.InvariantCulture));
            yield return new(Id(QuestionKind.Rating), Rating.ToString(CultureInfo.InvariantCulture));
            yield return new(Id(QuestionKind.YesNo), OnTime ? "yes" : "no");
        }
    }

    private sealed record Expectation(int Rank, double RankingScore, double Raw, string Standing, double Lower, double Upper, double SelfAssessment);

    private sealed record Row(Guid SupplierId, int Rank, double RankingScore, double RawScore, int Responses, string Standing, double Lower, double Upper, double SelfAssessmentMean);
}
