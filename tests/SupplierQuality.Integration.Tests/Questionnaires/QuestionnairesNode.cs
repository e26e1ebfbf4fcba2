using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Questionnaires;

public sealed class QuestionnairesNode : SharedNode
{
    public const string Collection = "Questionnaires node";

    /// <summary>A questionnaire made straight through its grain, for tests about what comes after creating one.</summary>
    public async Task<IQuestionnaireGrain> CreateAsync(QuestionnaireContent content, bool publish = false)
    {
        var questionnaire = Node.Grains.GetGrain<IQuestionnaireGrain>(Guid.NewGuid());
        var created = await questionnaire.CreateAsync(new CreateQuestionnaire(content));
        Assert.Equal(CommandOutcome.Created, created.Outcome);
        if (publish)
        {
            Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome);
        }

        return questionnaire;
    }

    /// <summary>Valid content with one question of each kind, in two dimensions.</summary>
    public static QuestionnaireContent EveryKind(string title = "Supplier survey") => new()
    {
        Title = title,
        Description = "How did we do this year?",
        Dimensions = [new("quality", "Quality", 60m), new("delivery", "Delivery", 40m)],
        Questions =
        [
            new() { Kind = QuestionKind.Likert, Text = "How good were the parts?", DimensionId = "quality", Required = true, Points = 5, LowLabel = "Very poor", HighLabel = "Excellent" },
            new() { Kind = QuestionKind.Rating, Text = "How likely are you to recommend us?", DimensionId = "quality", Nps = true, LowLabel = "Not at all", HighLabel = "Extremely" },
            new() { Kind = QuestionKind.YesNo, Text = "Were deliveries on time?", DimensionId = "delivery", Required = true },
            new() { Kind = QuestionKind.SingleChoice, Text = "How often were deliveries late?", DimensionId = "delivery", Options = [new("", "Never", 100m), new("", "Sometimes", 50m)] },
            new() { Kind = QuestionKind.MultipleChoice, Text = "Which channels do you use?", Options = [new("", "Email", null), new("", "Phone", null)] },
            new() { Kind = QuestionKind.Number, Text = "Average days late?", DimensionId = "delivery", Min = 0, Max = 30, TargetMin = 0, TargetMax = 2 },
            new() { Kind = QuestionKind.FreeText, Text = "What should we do better?", HelpText = "Read by the quality team.", MaxLength = 1500 },
        ],
    };
}

[CollectionDefinition(QuestionnairesNode.Collection)]
public sealed class QuestionnairesNodeDefinition : ICollectionFixture<QuestionnairesNode>;
