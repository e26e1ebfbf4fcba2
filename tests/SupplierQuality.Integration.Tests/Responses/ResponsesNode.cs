using System.Net;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Responses;

/// <summary>
/// A campaign answered through the survey form: two suppliers with one contact each and one evaluator. Supplier A's
/// contact and the evaluator (about A) submitted; supplier B's contact submitted and then edited (version 2); the
/// evaluator only saved a draft about B.
/// </summary>
public sealed record AnsweredCampaign(
    Guid Id,
    QuestionnaireVersion Questionnaire,
    TestSupplier A,
    TestSupplier B,
    string EvaluatorName,
    string EvaluatorEmail)
{
    public const string ContactComment = "=HYPERLINK(\"http://evil.test\",\"Click\")";
    public const string EvaluatorComment = "Deliveries slipped twice in March.";
    public const string EditedComment = "After the edit: answers the phone at once.";
    public const string FirstComment = "Before the edit: slow to answer.";
    public const string DraftComment = "Only a draft, never sent.";

    public Question Of(QuestionKind kind) => Questionnaire.Questions.First(q => q.Kind == kind);
}

/// <summary>
/// The responses tests' own node (a <see cref="CampaignsNode"/> of their own collection, so they do not wait for the
/// campaign tests), and the one helper that makes an answered campaign through the pages a supplier uses.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class ResponsesNode : ICollectionFixture<CampaignsNode>
{
    public const string Collection = "Responses node";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Every question answered as the form posts it; <paramref name="likert"/> and <paramref name="comment"/> vary.</summary>
    public static List<KeyValuePair<string, string>> Answers(AnsweredCampaign campaign, string likert, string comment, string action = "submit")
    {
        ArgumentNullException.ThrowIfNull(campaign);
        string Field(QuestionKind kind) => $"answers[{campaign.Of(kind).Id}]";
        var multiple = campaign.Of(QuestionKind.MultipleChoice);
        return
        [
            new(Field(QuestionKind.Likert), likert),
            new(Field(QuestionKind.Rating), "9"),
            new(Field(QuestionKind.YesNo), "yes"),
            new(Field(QuestionKind.SingleChoice), campaign.Of(QuestionKind.SingleChoice).Options[0].Id),
            new(Field(QuestionKind.MultipleChoice), multiple.Options[0].Id),
            new(Field(QuestionKind.MultipleChoice), multiple.Options[1].Id),
            new(Field(QuestionKind.Number), "1.5"),
            new(Field(QuestionKind.FreeText), comment),
            new("action", action),
        ];
    }

    /// <summary>Launches a campaign of two new suppliers and one evaluator, and answers it as <see cref="AnsweredCampaign"/> says.</summary>
    public static async Task<AnsweredCampaign> AnsweredAsync(CampaignsNode fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var suppliers = await fixture.SuppliersAsync("Responses", 1, 1);
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var version = (await fixture.Node.Grains.GetGrain<IQuestionnaireGrain>(questionnaireId).GetVersionAsync(1))!;
        var unique = Guid.NewGuid().ToString("N")[..8];
        var evaluator = new Evaluator($"Eve Evaluator {unique}", $"eve-{unique}@buyer.test");
        var id = Guid.NewGuid();
        var grain = fixture.Node.Grains.GetGrain<ICampaignGrain>(id);
        var created = await grain.CreateAsync(new CampaignDefinition(
            "Responses survey " + unique, questionnaireId, 1, AudienceKind.Chosen, null, [.. suppliers.Select(s => s.Id)], [evaluator], null,
            DateTimeOffset.UtcNow.AddDays(10), [], "{{supplier_name}}: a survey", "Dear {{contact_name}}, please answer.", CampaignsNode.BuyerName,
            "{{supplier_name}}: a survey", "Dear {{contact_name}}, please rate {{supplier_name}}."));
        Assert.Equal(CommandOutcome.Created, created.Outcome);
        Assert.Equal(CommandOutcome.Ok, (await grain.LaunchAsync()).Outcome);
        await grain.RunAsync();

        var emails = suppliers.SelectMany(s => s.Emails).Append(evaluator.Email).ToList();
        // One email to each contact, and one to the evaluator listing both suppliers (docs/adr/0007).
        var mail = await CampaignsNode.EventuallyAsync(() => fixture.MailToAsync(emails), m => m.Count == 3, "three invitations in the outbox");
        string Token(string email, TestSupplier about) => email == evaluator.Email
            ? CampaignsNode.TokenIn(mail.Single(m => m.To.Email == email), about.Name)
            : CampaignsNode.TokenIn(mail.Single(m => m.To.Email == email && m.Subject.StartsWith(about.Name, StringComparison.Ordinal)));

        var campaign = new AnsweredCampaign(id, version, suppliers[0], suppliers[1], evaluator.Name, evaluator.Email);
        using var client = fixture.Node.CreateClient();
        await PostAsync(client, Token(campaign.A.Emails[0], campaign.A), Answers(campaign, "4", AnsweredCampaign.ContactComment));
        await PostAsync(client, Token(evaluator.Email, campaign.A), Answers(campaign, "2", AnsweredCampaign.EvaluatorComment));
        var b = Token(campaign.B.Emails[0], campaign.B);
        await PostAsync(client, b, Answers(campaign, "3", AnsweredCampaign.FirstComment));
        await PostAsync(client, b, Answers(campaign, "5", AnsweredCampaign.EditedComment), formPath: $"/s/{b}?edit=true");
        await PostAsync(client, Token(evaluator.Email, campaign.B), Answers(campaign, "1", AnsweredCampaign.DraftComment, action: "save"));
        return campaign;
    }

    private static async Task PostAsync(HttpClient client, string token, IEnumerable<KeyValuePair<string, string>> fields, string? formPath = null)
    {
        using var response = await client.PostFormAsync($"/s/{token}", fields, formPath ?? $"/s/{token}");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"The survey form answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
    }
}
