using System.Globalization;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Integration.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Integration.Tests.Scorecards;

/// <summary>
/// An answer to <see cref="Surveys.QuestionnaireAsync"/>: Likert 1-5 and a 0-10 rating in "quality" (weight
/// 60), on-time yes/no in "delivery" (weight 40). Its overall score, by DESIGN "Scoring" written out by hand:
/// 0.6 · mean(25·(likert − 1), 10·rating) + 0.4 · (100 if on time).
/// </summary>
public sealed record SurveyAnswer(int Likert, int Rating, bool OnTime)
{
    public double Score => (0.6 * ((25.0 * (Likert - 1)) + (10.0 * Rating)) / 2) + (OnTime ? 40 : 0);
}

/// <summary>Someone asked to answer: the supplier rated, the group and the address the invitation went to.</summary>
public sealed record Respondent(Guid SupplierId, RecipientKind Group, string Email);

/// <summary>A launched campaign made for one test, with what its tests need to answer it over HTTP.</summary>
public sealed record TestCampaign(Guid Id, string Name, QuestionnaireVersion Questionnaire, IReadOnlyList<Guid> Suppliers, IReadOnlyList<string> Evaluators)
{
    public string Period => RankingPeriod.OfCampaign(Id).ToString();
}

/// <summary>
/// One node for the ranking and scorecard pages and API. Each test makes its own suppliers (in a category of its own),
/// questionnaire and campaigns, and answers the survey form over HTTP; the ranking of a campaign holds only that
/// campaign's suppliers, so tests do not see each other's answers.
/// </summary>
public sealed class ScorecardsNode : SharedNode
{
    public const string Collection = "Scorecards node";

    public Surveys Surveys => new(Node);
}

/// <summary>Suppliers, questionnaires and campaigns made on a node, and survey forms answered there over HTTP.</summary>
public sealed class Surveys(TestNode node)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TestNode Node => node;

    /// <summary>Suppliers with one contact each, in a category of their own named after the test's tag.</summary>
    public async Task<List<SurveyedSupplier>> SuppliersAsync(string tag, int count)
    {
        var category = $"{tag} {Guid.NewGuid():N}"[..(tag.Length + 9)];
        var suppliers = new List<SurveyedSupplier>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            var unique = id.ToString("N")[..8];
            var contact = new SupplierContact("Dana Contact", $"dana@{unique}.test");
            var name = $"{tag} {(char)('A' + i)} {unique}";
            var created = await Node.Grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(
                new SupplierProfile(name, category, null, SupplierStatus.Active, [contact])));
            Assert.Equal(CommandOutcome.Created, created.Outcome);
            suppliers.Add(new SurveyedSupplier(id, name, category, contact.Email));
        }

        return suppliers;
    }

    /// <summary>A published questionnaire of three scored questions in two weighted dimensions (see <see cref="SurveyAnswer"/>).</summary>
    public async Task<(Guid Id, QuestionnaireVersion Version)> QuestionnaireAsync()
    {
        var id = Guid.NewGuid();
        var questionnaire = Node.Grains.GetGrain<IQuestionnaireGrain>(id);
        var content = new QuestionnaireContent
        {
            Title = "Supplier evaluation " + id.ToString("N")[..8],
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

    /// <summary>A launched campaign to the suppliers with these internal evaluators; its invitations are issued when it returns.</summary>
    public async Task<TestCampaign> LaunchAsync(
        (Guid Id, QuestionnaireVersion Version) questionnaire, IReadOnlyList<SurveyedSupplier> suppliers, int evaluators, string name, TimeSpan deadlineIn)
    {
        var id = Guid.NewGuid();
        var emails = Enumerable.Range(1, evaluators).Select(i => $"eve{i}-{id:N}@buyer.test").ToList();
        var campaign = Node.Grains.GetGrain<ICampaignGrain>(id);
        var definition = Definition(questionnaire.Id, DateTimeOffset.UtcNow, [.. suppliers.Select(s => s.Id)]) with
        {
            Name = name,
            Deadline = DateTimeOffset.UtcNow.Add(deadlineIn),
            Evaluators = [.. emails.Select((e, i) => new Evaluator($"Evaluator {i + 1}", e))],
        };
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await campaign.RunAsync();
        var invited = suppliers.Count * (1 + evaluators);
        await EventuallyAsync(campaign.GetAsync, c => c!.Counts.Invited == invited, $"{invited} invitations issued");
        return new TestCampaign(id, name, questionnaire.Version, [.. suppliers.Select(s => s.Id)], emails);
    }

    /// <summary>
    /// The common case: one campaign to two suppliers with one evaluator. Supplier A's contact rates it 100 and the
    /// evaluator 19.5; supplier B is rated 86.5 by the evaluator and its contact does not answer. Returns once the
    /// ranking counts all three.
    /// </summary>
    public async Task<(TestCampaign Campaign, SurveyedSupplier A, SurveyedSupplier B)> AnsweredAsync(string tag)
    {
        var suppliers = await SuppliersAsync(tag, 2);
        var (a, b) = (suppliers[0], suppliers[1]);
        var campaign = await LaunchAsync(await QuestionnaireAsync(), suppliers, evaluators: 1, $"{tag} survey", TimeSpan.FromDays(10));
        await AnswerAsync(campaign, a.Contact, SelfRating);
        await AnswerAsync(campaign, a.RatedBy(campaign.Evaluators[0]), LowRating);
        await AnswerAsync(campaign, b.RatedBy(campaign.Evaluators[0]), HighRating);
        await RankingAsync(campaign, p => Counted(p, a.Id) == (1, 1) && Counted(p, b.Id) == (1, 0));
        return (campaign, a, b);
    }

    /// <summary>100: everything at the top.</summary>
    public static SurveyAnswer SelfRating { get; } = new(5, 10, true);

    /// <summary>19.5: quality (25 + 40) / 2 = 32.5, late.</summary>
    public static SurveyAnswer LowRating { get; } = new(2, 4, false);

    /// <summary>86.5: quality (75 + 80) / 2 = 77.5, on time.</summary>
    public static SurveyAnswer HighRating { get; } = new(4, 8, true);

    /// <summary>Submits the survey form at the respondent's link, as the respondent's browser does.</summary>
    public async Task AnswerAsync(TestCampaign campaign, Respondent respondent, SurveyAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(respondent);
        ArgumentNullException.ThrowIfNull(answer);
        var key = await Node.Grains.GetGrain<IInvitationLinkKeyGrain>(0).GetAsync();
        var token = InvitationLinks.Token(key, InvitationLinks.Identity(campaign.Id, respondent.SupplierId, respondent.Group, respondent.Email));
        string Field(QuestionKind kind) => $"answers[{campaign.Questionnaire.Questions.First(q => q.Kind == kind).Id}]";
        using var client = Node.CreateClient();
        using var response = await client.PostFormAsync($"/s/{token}",
        [
            new(Field(QuestionKind.Likert), answer.Likert.ToString(CultureInfo.InvariantCulture)),
            new(Field(QuestionKind.Rating), answer.Rating.ToString(CultureInfo.InvariantCulture)),
            new(Field(QuestionKind.YesNo), answer.OnTime ? "yes" : "no"),
            new("action", "submit"),
        ]);
        Assert.Equal($"/s/{token}?submitted=true", response.RedirectTarget());
    }

    /// <summary>Waits until the ranking of the campaign counts these responses per supplier (answers reach it one-way).</summary>
    public Task<RankingPage> RankingAsync(TestCampaign campaign, Func<RankingPage, bool> ready)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return EventuallyAsync(
            () => Node.Grains.GetRanking().QueryAsync(new RankingQuery(RankingPeriod.OfCampaign(campaign.Id), Take: 500)),
            ready,
            $"the ranking of {campaign.Name}",
            seconds: 30);
    }

    /// <summary>The responses the ranking counts for a supplier, per group: (internal evaluation, self-assessment).</summary>
    public static (int Internal, int Self) Counted(RankingPage page, Guid supplierId)
    {
        ArgumentNullException.ThrowIfNull(page);
        var row = page.Items.FirstOrDefault(r => r.SupplierId == supplierId);
        int Of(RecipientKind group) => row?.Groups.FirstOrDefault(g => g.Group == group)?.Responses ?? 0;
        return (Of(RecipientKind.Evaluator), Of(RecipientKind.Contact));
    }

    /// <summary>A score as the pages write it: one decimal.</summary>
    public static string Shown(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    public static async Task<string> TextAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
    }
}

/// <summary>A supplier made for one test, with its contact's address.</summary>
public sealed record SurveyedSupplier(Guid Id, string Name, string Category, string ContactEmail)
{
    public Respondent Contact => new(Id, RecipientKind.Contact, ContactEmail);

    public Respondent RatedBy(string evaluator) => new(Id, RecipientKind.Evaluator, evaluator);
}

[CollectionDefinition(ScorecardsNode.Collection)]
public sealed class ScorecardsNodeDefinition : ICollectionFixture<ScorecardsNode>;
