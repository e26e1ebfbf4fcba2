using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Questionnaires;

namespace SupplierQuality.Integration.Tests.Invitations;

/// <summary>A node with a published questionnaire; each test issues its own invitations through the grain.</summary>
public sealed class InvitationsNode : SharedNode
{
    public const string Collection = "Invitations node";

    public const string BuyerName = "Acme Buying Ltd";

    /// <summary>
    /// Publishes a questionnaire (by default one question of each kind) and issues an invitation to it; returns the link token.
    /// </summary>
    public Task<(string Token, QuestionnaireVersion Version)> IssueAsync(
        DateTimeOffset? deadline = null, string campaignName = "Supplier survey 2025", QuestionnaireContent? content = null) =>
        IssueAsync(Node, deadline, campaignName, content);

    /// <summary>The same on any node.</summary>
    public static async Task<(string Token, QuestionnaireVersion Version)> IssueAsync(
        TestNode node, DateTimeOffset? deadline = null, string campaignName = "Supplier survey 2025", QuestionnaireContent? content = null)
    {
        var questionnaireId = Guid.NewGuid();
        var questionnaire = node.Grains.GetGrain<IQuestionnaireGrain>(questionnaireId);
        Assert.Equal(CommandOutcome.Created, (await questionnaire.CreateAsync(new CreateQuestionnaire(content ?? QuestionnairesNode.EveryKind()))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome);
        var token = InvitationToken.New();
        var issued = await Grain(node, token).IssueAsync(new IssueInvitation(
            Guid.NewGuid(),
            Guid.NewGuid(),
            "Dana Supplier",
            "dana@supplier.test",
            questionnaireId,
            1,
            BuyerName,
            campaignName,
            deadline ?? DateTimeOffset.UtcNow.AddDays(14)));
        Assert.Equal(InvitationOutcome.Created, issued.Outcome);
        return (token, (await questionnaire.GetVersionAsync(1))!);
    }

    public IInvitationGrain Grain(string token) => Grain(Node, token);

    public static IInvitationGrain Grain(TestNode node, string token) => node.Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(token));
}

[CollectionDefinition(InvitationsNode.Collection)]
public sealed class InvitationsNodeDefinition : ICollectionFixture<InvitationsNode>;
