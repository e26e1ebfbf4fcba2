using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Grains.Tests.Questionnaires;

/// <summary>Questionnaire content for tests: valid by default, one question of every kind.</summary>
internal static class QuestionnaireSamples
{
    public static Dimension Quality { get; } = new("quality", "Quality", 60m);

    public static Dimension Delivery { get; } = new("delivery", "Delivery", 40m);

    public static Question Likert(string id = "", string? dimension = "quality") => new()
    {
        Id = id,
        Kind = QuestionKind.Likert,
        Text = "How satisfied are you with the quality of the parts?",
        Required = true,
        DimensionId = dimension,
        Points = 5,
        LowLabel = "Very dissatisfied",
        HighLabel = "Very satisfied",
    };

    public static Question Rating(string id = "", bool nps = true) => new()
    {
        Id = id,
        Kind = QuestionKind.Rating,
        Text = "How likely are you to recommend us?",
        DimensionId = "quality",
        Nps = nps,
    };

    public static Question YesNo(string id = "") => new()
    {
        Id = id,
        Kind = QuestionKind.YesNo,
        Text = "Were all deliveries on time?",
        DimensionId = "delivery",
    };

    public static Question SingleChoice(string id = "", params ChoiceOption[] options) => new()
    {
        Id = id,
        Kind = QuestionKind.SingleChoice,
        Text = "How often were deliveries late?",
        DimensionId = "delivery",
        Options = options.Length > 0 ? options : [new("", "Never", 100m), new("", "Sometimes", 50m), new("", "Often", 0m)],
    };

    public static Question MultipleChoice(string id = "") => new()
    {
        Id = id,
        Kind = QuestionKind.MultipleChoice,
        Text = "Which channels do you use to reach us?",
        Options = [new("", "Email", null), new("", "Phone", null), new("", "Portal", null)],
    };

    public static Question Number(string id = "", decimal? targetMin = 0, decimal? targetMax = 2) => new()
    {
        Id = id,
        Kind = QuestionKind.Number,
        Text = "How many days late was the average delivery?",
        DimensionId = targetMin is null && targetMax is null ? null : "delivery",
        Min = 0,
        Max = 30,
        TargetMin = targetMin,
        TargetMax = targetMax,
    };

    public static Question FreeText(string id = "", int? maxLength = 1000) => new()
    {
        Id = id,
        Kind = QuestionKind.FreeText,
        Text = "What should we do better?",
        HelpText = "Anything you tell us is read by the quality team.",
        MaxLength = maxLength,
    };

    public static QuestionnaireContent Content(string title = "Supplier satisfaction 2025", params Question[] questions) => new()
    {
        Title = title,
        Description = "Tell us how we did this year.",
        Dimensions = [Quality, Delivery],
        Questions = questions.Length > 0
            ? questions
            : [Likert(), Rating(), YesNo(), SingleChoice(), MultipleChoice(), Number(), FreeText()],
    };

    /// <summary>The content with one question replaced.</summary>
    public static QuestionnaireContent WithQuestion(this QuestionnaireContent content, Question question) =>
        content with { Questions = [question] };
}
