using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Tests.Questionnaires;

namespace SupplierQuality.Grains.Tests.Invitations;

/// <summary>A published questionnaire with one question of every kind, and invitations to answer it.</summary>
internal static class InvitationSamples
{
    public static async Task<(Guid Id, QuestionnaireVersion Version)> PublishAsync(IGrainFactory grains, QuestionnaireContent? content = null)
    {
        var id = Guid.NewGuid();
        var questionnaire = grains.GetGrain<IQuestionnaireGrain>(id);
        Assert.Equal(CommandOutcome.Created, (await questionnaire.CreateAsync(new CreateQuestionnaire(content ?? QuestionnaireSamples.Content()))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome);
        return (id, (await questionnaire.GetVersionAsync(1))!);
    }

    public static IssueInvitation Command(Guid questionnaireId, DateTimeOffset deadline, Guid? campaignId = null) => new(
        campaignId ?? Guid.NewGuid(),
        Guid.NewGuid(),
        "Dana Supplier",
        "dana@supplier.test",
        questionnaireId,
        1,
        "Acme Buying Ltd",
        "Supplier survey 2025",
        deadline);

    public static Question Of(this QuestionnaireVersion version, QuestionKind kind) => version.Questions.First(q => q.Kind == kind);

    /// <summary>Answers to every question of the sample questionnaire, valid and complete.</summary>
    public static Dictionary<string, string[]> Complete(QuestionnaireVersion version) => new()
    {
        [version.Of(QuestionKind.Likert).Id] = ["4"],
        [version.Of(QuestionKind.Rating).Id] = ["9"],
        [version.Of(QuestionKind.YesNo).Id] = ["yes"],
        [version.Of(QuestionKind.SingleChoice).Id] = [version.Of(QuestionKind.SingleChoice).Options[1].Id],
        [version.Of(QuestionKind.MultipleChoice).Id] = [version.Of(QuestionKind.MultipleChoice).Options[0].Id, version.Of(QuestionKind.MultipleChoice).Options[2].Id],
        [version.Of(QuestionKind.Number).Id] = ["1.5"],
        [version.Of(QuestionKind.FreeText).Id] = ["Answer the phone faster."],
    };
}
