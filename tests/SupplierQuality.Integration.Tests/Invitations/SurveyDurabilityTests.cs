using System.Net;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Invitations;

/// <summary>What the supplier was told is saved or submitted is there after the node restarts on the same database.</summary>
public sealed class SurveyDurabilityTests
{
    [Fact]
    public async Task A_draft_and_a_submitted_response_survive_a_restart_on_the_embedded_SQLite_default()
    {
        using var directory = new TemporaryDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = null,
            ["Storage:SqlitePath"] = Path.Combine(directory.Path, "node.db"),
        };
        string token;
        QuestionnaireVersion version;
        await using (var node = await TestNode.StartAsync(settings))
        {
            (token, version) = await InvitationsNode.IssueAsync(node);
            using var client = node.CreateClient();
            var likert = $"answers[{version.Questions.First(q => q.Kind == QuestionKind.Likert).Id}]";
            var yesNo = $"answers[{version.Questions.First(q => q.Kind == QuestionKind.YesNo).Id}]";
            var multiple = version.Questions.First(q => q.Kind == QuestionKind.MultipleChoice);
            using var submitted = await client.PostFormAsync($"/s/{token}",
            [
                new(likert, "3"), new(yesNo, "no"), new($"answers[{multiple.Id}]", multiple.Options[0].Id), new($"answers[{multiple.Id}]", multiple.Options[1].Id), new("action", "submit"),
            ]);
            using var saved = await client.PostFormAsync($"/s/{token}", [new(likert, "5"), new(yesNo, "yes"), new("action", "save")], $"/s/{token}?edit=true");
            Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (submitted.StatusCode, saved.StatusCode));
        }

        await using var restarted = await TestNode.StartAsync(settings);
        var form = (await InvitationsNode.Grain(restarted, token).GetFormAsync())!;
        using var reader = restarted.CreateClient();
        var page = await HtmlPage.GetAsync(reader, $"/s/{token}");

        Assert.Equal(1, form.Submitted!.Version);
        Assert.Equal(["3"], form.Submitted.Answers[version.Questions.First(q => q.Kind == QuestionKind.Likert).Id]);
        Assert.Equal(2, form.Submitted.Answers[version.Questions.First(q => q.Kind == QuestionKind.MultipleChoice).Id].Length);
        Assert.Equal(["5"], form.Draft![version.Questions.First(q => q.Kind == QuestionKind.Likert).Id]);
        Assert.Contains("You submitted version 1", page.Text, StringComparison.Ordinal);
    }
}
