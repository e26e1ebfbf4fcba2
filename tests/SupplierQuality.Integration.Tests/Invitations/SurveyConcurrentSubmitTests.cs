using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Invitations;

/// <summary>
/// One survey link open in two browsers: both load the form, both submit at once. The form carries the response
/// version it was loaded over, so the second submit is refused and shown what replaced the answers, with its own.
/// </summary>
[Collection(InvitationsNode.Collection)]
public sealed partial class SurveyConcurrentSubmitTests(InvitationsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>What a browser holds after loading the form: its hidden fields.</summary>
    private sealed record LoadedForm(string Antiforgery, string SubmissionId, string BaseVersion);

    [Fact]
    public async Task Two_browsers_submitting_one_link_at_once_store_one_answer_and_show_the_other_the_answers_that_replaced_theirs()
    {
        var (token, version) = await fixture.IssueAsync();
        using var first = fixture.Node.CreateClient();
        using var second = fixture.Node.CreateClient();
        var loaded = await Task.WhenAll(LoadAsync(first, token), LoadAsync(second, token));
        Assert.All(loaded, form => Assert.Equal("0", form.BaseVersion));

        var answers = await Task.WhenAll(
            SubmitAsync(first, token, loaded[0], Answers(version, "From the first browser.")),
            SubmitAsync(second, token, loaded[1], Answers(version, "From the second browser.")));

        var won = Assert.Single(answers, a => a.Status == HttpStatusCode.Redirect);
        var lost = Assert.Single(answers, a => a.Status != HttpStatusCode.Redirect);
        Assert.Equal($"/s/{token}?submitted=true", won.Location);
        Assert.Equal(HttpStatusCode.Conflict, lost.Status);
        var (winnerText, loserText) = won == answers[0]
            ? ("From the first browser.", "From the second browser.")
            : ("From the second browser.", "From the first browser.");

        var stored = (await fixture.Grain(token).GetFormAsync())!.Submitted!;
        Assert.Equal(1, stored.Version);
        Assert.Equal([winnerText], stored.Answers[Id(version, QuestionKind.FreeText)]);

        // The refused page says what happened, fills the form with the answers now stored, and lists the ones it sent.
        var page = lost.Page;
        Assert.Contains("Your answers were not submitted", page.Text, StringComparison.Ordinal);
        Assert.Contains("other answers to this survey were submitted (version 1", page.Text, StringComparison.Ordinal);
        var split = page.Text.IndexOf("id=\"not-submitted\"", StringComparison.Ordinal);
        Assert.True(split > 0, "The page does not list the answers that were sent.");
        var (form, sent) = (page.Text[..split], page.Text[split..]);
        Assert.Matches($"<textarea[^>]*>{Regex.Escape(winnerText)}</textarea>", form);
        Assert.DoesNotContain(loserText, form, StringComparison.Ordinal);
        Assert.Contains(loserText, sent, StringComparison.Ordinal);
        var again = Hidden(page.Text);
        Assert.Equal("1", again.BaseVersion);

        // Having seen them, the person may put their own answers back on purpose: a new version over the winner's.
        var reapplied = await SubmitAsync(lost.Client, token, again, Answers(version, loserText));
        Assert.Equal(HttpStatusCode.Redirect, reapplied.Status);
        var latest = (await fixture.Grain(token).GetFormAsync())!.Submitted!;
        Assert.Equal((2, loserText), (latest.Version, latest.Answers[Id(version, QuestionKind.FreeText)][0]));
    }

    [Fact]
    public async Task A_form_loaded_before_the_version_field_existed_still_submits()
    {
        var (token, version) = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();
        var loaded = await LoadAsync(client, token);

        var answer = await SubmitAsync(client, token, loaded with { BaseVersion = "" }, Answers(version, "No version posted."));

        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal(1, (await fixture.Grain(token).GetFormAsync())!.Submitted!.Version);
    }

    private static string Id(QuestionnaireVersion version, QuestionKind kind) => version.Questions.First(q => q.Kind == kind).Id;

    /// <summary>Answers to every question as the form posts them, told apart by the free text.</summary>
    private static List<KeyValuePair<string, string>> Answers(QuestionnaireVersion version, string text)
    {
        var single = version.Questions.First(q => q.Kind == QuestionKind.SingleChoice);
        var multiple = version.Questions.First(q => q.Kind == QuestionKind.MultipleChoice);
        return
        [
            new($"answers[{Id(version, QuestionKind.Likert)}]", "4"),
            new($"answers[{Id(version, QuestionKind.Rating)}]", "9"),
            new($"answers[{Id(version, QuestionKind.YesNo)}]", "yes"),
            new($"answers[{single.Id}]", single.Options[0].Id),
            new($"answers[{multiple.Id}]", multiple.Options[0].Id),
            new($"answers[{Id(version, QuestionKind.Number)}]", "1.5"),
            new($"answers[{Id(version, QuestionKind.FreeText)}]", text),
        ];
    }

    private static async Task<LoadedForm> LoadAsync(HttpClient client, string token)
    {
        var page = await HtmlPage.GetAsync(client, $"/s/{token}");
        return Hidden(page.Text);
    }

    private static LoadedForm Hidden(string html) =>
        new(HiddenValue(html, NodeClientExtensions.AntiforgeryField), HiddenValue(html, "submissionId"), HiddenValue(html, "baseVersion"));

    private static string HiddenValue(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        Assert.True(match.Success, $"The form has no field {name}.");
        return match.Groups[1].Value;
    }

    private static async Task<Answer> SubmitAsync(HttpClient client, string token, LoadedForm form, List<KeyValuePair<string, string>> answers)
    {
        using var content = new FormUrlEncodedContent([
            .. answers,
            new("action", "submit"),
            new("submissionId", form.SubmissionId),
            new("baseVersion", form.BaseVersion),
            new(NodeClientExtensions.AntiforgeryField, form.Antiforgery),
        ]);
        using var response = await client.PostAsync(new Uri($"/s/{token}", UriKind.Relative), content, Cancel);
        return new Answer(client, response.StatusCode, response.Headers.Location?.OriginalString, await HtmlPage.ReadAsync(response));
    }

    private sealed record Answer(HttpClient Client, HttpStatusCode Status, string? Location, HtmlPage Page);
}
