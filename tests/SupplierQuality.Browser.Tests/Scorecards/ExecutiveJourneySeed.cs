using System.Globalization;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Browser.Tests.Scorecards;

/// <summary>
/// An answer to <see cref="ExecutiveJourneySeed"/>'s questionnaire: Likert 1-5 and a 0-10 rating in "quality" (weight 60),
/// on-time yes/no in "delivery" (weight 40), and a comment that is not scored. Its score, by DESIGN "Scoring" written out
/// by hand: 0.6 · mean(25·(likert − 1), 10·rating) + 0.4 · (100 if on time).
/// </summary>
internal sealed record JourneyAnswer(int Likert, int Rating, bool OnTime, string? Comment = null)
{
    public double Score => (0.6 * ((25.0 * (Likert - 1)) + (10.0 * Rating)) / 2) + (OnTime ? 40 : 0);
}

/// <summary>A supplier of the journey: its two internal evaluations and its contact's self-assessment with a comment.</summary>
internal sealed record JourneySupplier(string Name, string Category, string ContactEmail, JourneyAnswer First, JourneyAnswer Second, JourneyAnswer Self)
{
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The internal evaluation mean: the raw score, since self-assessment is shown but not ranked by default.</summary>
    public double Raw => (First.Score + Second.Score) / 2;
}

/// <summary>The launched and answered campaign the executive reads.</summary>
internal sealed record JourneyCampaign(Guid Id, string Name, IReadOnlyList<string> Evaluators)
{
    public string Period => RankingPeriod.OfCampaign(Id).ToString();
}

/// <summary>
/// Everything the executive's journey reads, made through the grains so the browser test spends its time in the pages:
/// suppliers in two categories, a published questionnaire with a free-text question, a launched campaign with two
/// internal evaluators, and every invitation answered (submitted to the invitation grains, as the survey form does).
/// </summary>
internal static class ExecutiveJourneySeed
{
    public const string CampaignName = "Spring 2026 supplier review";
    public const string CommentQuestion = "What should we do better together?";

    /// <summary>In rank order: the evaluators' means are 98.5, 88, 54.5 and 21.</summary>
    public static IReadOnlyList<JourneySupplier> JourneySuppliers { get; } =
    [
        new("Northwind Castings", "castings", "pat@northwind.example", new(5, 10, true), new(5, 9, true), new(5, 10, true, "Send the forecasts a week earlier.")),
        new("Contoso Forgings", "forgings", "pat@contoso.example", new(4, 8, true), new(4, 9, true), new(4, 9, true, "Share the drawings before the quote.")),
        new("Adatum Castings", "castings", "pat@adatum.example", new(3, 7, true), new(3, 6, false), new(4, 8, true, "Fewer rush orders, please.")),
        new("Fabrikam Forgings", "forgings", "pat@fabrikam.example", new(2, 4, false), new(2, 5, false), new(3, 7, true, "Pay the invoices on time.")),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Seeds the journey; returns once the ranking counts every response.</summary>
    public static async Task<JourneyCampaign> SeedAsync(IGrainFactory grains)
    {
        foreach (var supplier in JourneySuppliers)
        {
            var created = await grains.GetGrain<ISupplierGrain>(supplier.Id).CreateAsync(new CreateSupplier(new SupplierProfile(
                supplier.Name, supplier.Category, null, SupplierStatus.Active, [new SupplierContact("Pat Contact", supplier.ContactEmail)])));
            Assert.Equal(CommandOutcome.Created, created.Outcome);
        }

        var (questionnaireId, version) = await QuestionnaireAsync(grains);
        var campaign = await LaunchAsync(grains, questionnaireId);
        var key = await grains.GetGrain<IInvitationLinkKeyGrain>(0).GetAsync();
        var submits = new List<Task>();
        foreach (var supplier in JourneySuppliers)
        {
            submits.Add(SubmitAsync(grains, key, version, campaign.Id, supplier.Id, RecipientKind.Evaluator, campaign.Evaluators[0], supplier.First));
            submits.Add(SubmitAsync(grains, key, version, campaign.Id, supplier.Id, RecipientKind.Evaluator, campaign.Evaluators[1], supplier.Second));
            submits.Add(SubmitAsync(grains, key, version, campaign.Id, supplier.Id, RecipientKind.Contact, supplier.ContactEmail, supplier.Self));
        }

        await Task.WhenAll(submits);

        // Answers reach the ranking one-way (invitation → supplier campaign → scorecard → ranking).
        await EventuallyAsync(
            () => grains.GetRanking().QueryAsync(new RankingQuery(RankingPeriod.OfCampaign(campaign.Id), Take: 100)),
            page => page.Total == JourneySuppliers.Count && page.Items.All(r => Counted(r, RecipientKind.Evaluator) == 2 && Counted(r, RecipientKind.Contact) == 1),
            "every response in the ranking");
        return campaign;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, for at most <paramref name="seconds"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting for {what}; last seen: {value}");
            await Task.Delay(200, Cancel);
        }
    }

    private static int Counted(RankingRow row, RecipientKind group) => row.Groups.FirstOrDefault(g => g.Group == group)?.Responses ?? 0;

    private static async Task<(Guid Id, QuestionnaireVersion Version)> QuestionnaireAsync(IGrainFactory grains)
    {
        var id = Guid.NewGuid();
        var questionnaire = grains.GetGrain<IQuestionnaireGrain>(id);
        var content = new QuestionnaireContent
        {
            Title = "Supplier evaluation 2026",
            Dimensions = [new("quality", "Quality", 60m), new("delivery", "Delivery", 40m)],
            Questions =
            [
                new() { Kind = QuestionKind.Likert, Text = "How good were the parts?", DimensionId = "quality", Required = true, Points = 5, LowLabel = "Very poor", HighLabel = "Excellent" },
                new() { Kind = QuestionKind.Rating, Text = "How likely are you to recommend them?", DimensionId = "quality", Required = true, Nps = true, LowLabel = "Not at all", HighLabel = "Extremely" },
                new() { Kind = QuestionKind.YesNo, Text = "Were deliveries on time?", DimensionId = "delivery", Required = true },
                new() { Kind = QuestionKind.FreeText, Text = CommentQuestion, MaxLength = 500 },
            ],
        };
        Assert.Equal(CommandOutcome.Created, (await questionnaire.CreateAsync(new CreateQuestionnaire(content))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome);
        return (id, (await questionnaire.GetVersionAsync(1))!);
    }

    private static async Task<JourneyCampaign> LaunchAsync(IGrainFactory grains, Guid questionnaireId)
    {
        var id = Guid.NewGuid();
        string[] evaluators = ["eve.one@buyer.example", "eve.two@buyer.example"];
        var campaign = grains.GetGrain<ICampaignGrain>(id);
        var definition = new CampaignDefinition(
            CampaignName,
            questionnaireId,
            1,
            AudienceKind.Chosen,
            null,
            [.. JourneySuppliers.Select(s => s.Id)],
            [new Evaluator("Eve One", evaluators[0]), new Evaluator("Eve Two", evaluators[1])],
            null,
            DateTimeOffset.UtcNow.AddDays(14),
            [],
            "{{supplier_name}}: how did we work together?",
            "Dear {{contact_name}}, please answer by {{deadline}}.",
            "Acme Buying Ltd");
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await campaign.RunAsync();
        var invited = JourneySuppliers.Count * (1 + evaluators.Length);
        await EventuallyAsync(campaign.GetAsync, c => c!.Counts.Invited == invited, $"{invited} invitations issued");
        return new JourneyCampaign(id, CampaignName, evaluators);
    }

    /// <summary>Submits one respondent's answers to the invitation grain the link's token names.</summary>
    private static async Task SubmitAsync(
        IGrainFactory grains, byte[] key, QuestionnaireVersion version, Guid campaignId, Guid supplierId, RecipientKind kind, string email, JourneyAnswer answer)
    {
        string Id(QuestionKind question) => version.Questions.First(q => q.Kind == question).Id;
        var answers = new Dictionary<string, string[]>
        {
            [Id(QuestionKind.Likert)] = [answer.Likert.ToString(CultureInfo.InvariantCulture)],
            [Id(QuestionKind.Rating)] = [answer.Rating.ToString(CultureInfo.InvariantCulture)],
            [Id(QuestionKind.YesNo)] = [answer.OnTime ? "yes" : "no"],
        };
        if (answer.Comment is { } comment)
        {
            answers[Id(QuestionKind.FreeText)] = [comment];
        }

        var token = InvitationLinks.Token(key, InvitationLinks.Identity(campaignId, supplierId, kind, email));
        var result = await grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(token)).SubmitAsync(answers, Guid.NewGuid());
        Assert.True(result.Outcome == InvitationOutcome.Ok, $"Submitting for {email} gave {result.Outcome}: {string.Join("; ", result.Errors.SelectMany(e => e.Value))}");
    }
}
