using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;
using static SupplierQuality.Browser.Tests.Scorecards.ExecutiveJourneySeed;

namespace SupplierQuality.Browser.Tests.Survey;

/// <summary>One contact's invitation: the links of its email.</summary>
internal sealed record SurveyInvitation(Guid SupplierId, string SupplierName, string Email, string Token)
{
    public string FormPath => $"/s/{Token}";

    public string UnsubscribePath => $"/u/{Token}";
}

/// <summary>A launched campaign on <see cref="SurveySeed.Questionnaire"/>, nobody has answered yet.</summary>
internal sealed record SurveyCampaign(Guid Id, Guid QuestionnaireId, QuestionnaireVersion Version, IReadOnlyList<SurveyInvitation> Invitations);

/// <summary>
/// A campaign for the phone-sized survey journeys, made through the grains: a questionnaire with every kind of question
/// (the scored ones may be answered "Not applicable"), two suppliers whose contacts have long addresses (the masked
/// address on the unsubscribe page is one long word), launched and unanswered.
/// </summary>
internal static class SurveySeed
{
    public const string CampaignName = "Autumn 2026 supplier survey";
    public const string QuestionnaireTitle = "Working with Acme";
    public const string LikertQuestion = "How reliable were our delivery schedules?";
    public const string RatingQuestion = "How likely are you to recommend Acme to a colleague?";
    public const string YesNoQuestion = "Were our drawings complete when we asked for a quote?";
    public const string ChoiceQuestion = "How often did we change an order after it was placed?";
    public const string NumberQuestion = "How many days' notice do our forecasts give you?";
    public const string ChannelsQuestion = "Which channels do you use to reach us?";
    public const string CommentQuestion = "What should we do better next year?";

    public static QuestionnaireContent Questionnaire { get; } = new()
    {
        Title = QuestionnaireTitle,
        Description = "Ten minutes of your time helps us both improve.",
        Dimensions = [new("delivery", "Delivery", 50m), new("cooperation", "Cooperation", 50m)],
        Questions =
        [
            new() { Kind = QuestionKind.Likert, Text = LikertQuestion, DimensionId = "delivery", Required = true, Points = 5, LowLabel = "Very unreliable", HighLabel = "Very reliable", AllowNotApplicable = true },
            new() { Kind = QuestionKind.Rating, Text = RatingQuestion, DimensionId = "cooperation", Required = true, Nps = true, LowLabel = "Not at all likely", HighLabel = "Extremely likely" },
            new() { Kind = QuestionKind.YesNo, Text = YesNoQuestion, DimensionId = "cooperation", Required = true, AllowNotApplicable = true },
            new()
            {
                Kind = QuestionKind.SingleChoice, Text = ChoiceQuestion, DimensionId = "cooperation", AllowNotApplicable = true,
                Options = [new("", "Never", 100m), new("", "Once or twice", 60m), new("", "Most months", 20m)],
            },
            new() { Kind = QuestionKind.Number, Text = NumberQuestion, DimensionId = "delivery", Min = 0, Max = 90, TargetMin = 20, TargetMax = 90, AllowNotApplicable = true },
            new() { Kind = QuestionKind.MultipleChoice, Text = ChannelsQuestion, Options = [new("", "Email", null), new("", "Phone", null), new("", "Supplier portal", null)] },
            new() { Kind = QuestionKind.FreeText, Text = CommentQuestion, MaxLength = 500 },
        ],
    };

    private static readonly (string Name, string Email)[] Suppliers =
    [
        ("Northwind Precision Castings", "quality.department@northwind-precision-castings.example"),
        ("Contoso Forgings", "pat@contoso-forgings.example"),
    ];

    public static async Task<SurveyCampaign> LaunchAsync(IGrainFactory grains)
    {
        var suppliers = new List<(Guid Id, string Name, string Email)>();
        foreach (var (name, email) in Suppliers)
        {
            var id = Guid.NewGuid();
            var created = await grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(new SupplierProfile(
                name, "castings", null, SupplierStatus.Active, [new SupplierContact("Pat Contact", email)])));
            Assert.Equal(CommandOutcome.Created, created.Outcome);
            suppliers.Add((id, name, email));
        }

        var questionnaireId = Guid.NewGuid();
        var questionnaire = grains.GetGrain<IQuestionnaireGrain>(questionnaireId);
        Assert.Equal(CommandOutcome.Created, (await questionnaire.CreateAsync(new CreateQuestionnaire(Questionnaire))).Outcome);
        var published = await questionnaire.PublishAsync(new PublishDraft(1));
        Assert.True(published.Outcome == CommandOutcome.Ok, string.Join("; ", published.Errors.SelectMany(e => e.Value)));
        var version = (await questionnaire.GetVersionAsync(1))!;

        var campaignId = Guid.NewGuid();
        var campaign = grains.GetGrain<ICampaignGrain>(campaignId);
        var definition = new CampaignDefinition(
            CampaignName,
            questionnaireId,
            1,
            AudienceKind.Chosen,
            null,
            [.. suppliers.Select(s => s.Id)],
            [],
            null,
            DateTimeOffset.UtcNow.AddDays(14),
            [],
            "{{supplier_name}}: how did we work together?",
            "Dear {{contact_name}}, please answer by {{deadline}}.",
            "Acme Buying Ltd");
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(definition)).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await campaign.LaunchAsync()).Outcome);
        await campaign.RunAsync();
        await EventuallyAsync(campaign.GetAsync, c => c!.Counts.Invited == suppliers.Count, $"{suppliers.Count} invitations issued");

        var key = await grains.GetGrain<IInvitationLinkKeyGrain>(0).GetAsync();
        return new SurveyCampaign(campaignId, questionnaireId, version,
        [
            .. suppliers.Select(s => new SurveyInvitation(
                s.Id, s.Name, s.Email, InvitationLinks.Token(key, InvitationLinks.Identity(campaignId, s.Id, RecipientKind.Contact, s.Email)))),
        ]);
    }
}
