using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Organisation;
using SupplierQuality.Integration.Tests.Questionnaires;

namespace SupplierQuality.Integration.Tests.Invitations;

/// <summary>
/// A node with a published questionnaire; each test issues its own invitations through the grain. The organisation is
/// set once, before any page is shown (the form keeps it a while, see SurveyOrganisation), and no test changes it.
/// </summary>
public sealed class InvitationsNode : SharedNode, IAsyncLifetime
{
    public const string Collection = "Invitations node";

    public const string BuyerName = "Acme Buying Ltd";

    public const string SupplierName = "Globex Components";

    public const string RecipientEmail = "dana@supplier.test";

    /// <summary>The organisation every form of this node names.</summary>
    public static OrganisationProfile Profile { get; } = new(
        BuyerName,
        "Quinn Quality",
        "quinn@acme-buying.test",
        "quality@acme-buying.test",
        "Only Acme's quality team reads your answers.\nThey are never shared with other suppliers.");

    /// <summary>The organisation's logo tag, as in its URL.</summary>
    public string LogoTag { get; private set; } = string.Empty;

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var saved = await Node.Grains.GetOrganisation().SaveAsync(new OrganisationUpdate(Profile, OrganisationNode.Png), null, TestNode.AdminEmail);
        Assert.Equal(CommandOutcome.Ok, saved.Outcome);
        LogoTag = saved.Value!.Logo!.Tag;
    }

    /// <summary>
    /// Publishes a questionnaire (by default one question of each kind) and issues an invitation to it; returns the link token.
    /// </summary>
    public Task<(string Token, QuestionnaireVersion Version)> IssueAsync(
        DateTimeOffset? deadline = null,
        string campaignName = "Supplier survey 2025",
        QuestionnaireContent? content = null,
        RecipientKind kind = RecipientKind.Contact,
        string recipientEmail = RecipientEmail) =>
        IssueAsync(Node, deadline, campaignName, content, kind, recipientEmail);

    /// <summary>The same on any node.</summary>
    public static async Task<(string Token, QuestionnaireVersion Version)> IssueAsync(
        TestNode node,
        DateTimeOffset? deadline = null,
        string campaignName = "Supplier survey 2025",
        QuestionnaireContent? content = null,
        RecipientKind kind = RecipientKind.Contact,
        string recipientEmail = RecipientEmail)
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
            recipientEmail,
            questionnaireId,
            1,
            BuyerName,
            campaignName,
            deadline ?? DateTimeOffset.UtcNow.AddDays(14),
            kind,
            SupplierName));
        Assert.Equal(InvitationOutcome.Created, issued.Outcome);
        return (token, (await questionnaire.GetVersionAsync(1))!);
    }

    public IInvitationGrain Grain(string token) => Grain(Node, token);

    public static IInvitationGrain Grain(TestNode node, string token) => node.Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(token));
}

[CollectionDefinition(InvitationsNode.Collection)]
public sealed class InvitationsNodeDefinition : ICollectionFixture<InvitationsNode>;
