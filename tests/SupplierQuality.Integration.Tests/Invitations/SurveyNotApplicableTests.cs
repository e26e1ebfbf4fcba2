using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Questionnaires;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Invitations;

/// <summary>
/// The supplier's form with "Not applicable" (allowed here on the Likert scale and the scored number, not on the
/// yes/no), its progress per question, the read-back of a submission, and where focus goes after a refused post.
/// </summary>
[Collection(InvitationsNode.Collection)]
public sealed class SurveyNotApplicableTests(InvitationsNode fixture)
{
    private const string NotApplicable = ResponseAnswers.NotApplicable;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static QuestionnaireContent Content()
    {
        var content = QuestionnairesNode.EveryKind();
        return content with
        {
            Questions =
            [
                .. content.Questions.Select(q => q.Kind is QuestionKind.Likert or QuestionKind.Number ? q with { AllowNotApplicable = true } : q),
            ],
        };
    }

    private static string Id(QuestionnaireVersion version, QuestionKind kind) => version.Questions.First(q => q.Kind == kind).Id;

    private static string Field(QuestionnaireVersion version, QuestionKind kind) => $"answers[{Id(version, kind)}]";

    /// <summary>The required questions answered (the Likert scale with <paramref name="likert"/>), as the form posts them.</summary>
    private static List<KeyValuePair<string, string>> Required(QuestionnaireVersion version, string likert, string action = "submit") =>
    [
        new(Field(version, QuestionKind.Likert), likert),
        new(Field(version, QuestionKind.YesNo), "yes"),
        new("action", action),
    ];

    [Fact]
    public async Task The_form_offers_not_applicable_only_where_the_questionnaire_allows_it_and_says_where_each_question_is()
    {
        var (token, version) = await fixture.IssueAsync(content: Content());
        using var client = fixture.Node.CreateClient();

        var page = await HtmlPage.GetAsync(client, $"/s/{token}");

        // The Likert scale's five points, then "Not applicable" as a sixth radio button of the same group; the number's
        // as a checkbox beside its box, which is then not required by the browser (the server checks one is given).
        var likert = Id(version, QuestionKind.Likert);
        Assert.Matches($"<div class=\"choices scale\">\\s*<div class=\"choice\">\\s*<input type=\"radio\" id=\"answer-{likert}\"", page.Text);
        Assert.Matches($"<input type=\"radio\" id=\"answer-{likert}-6\" name=\"answers\\[{likert}\\]\" value=\"n/a\"[^>]*required", page.Text);
        Assert.Contains($"<label for=\"answer-{likert}-6\">Not applicable</label>", page.Text, StringComparison.Ordinal);
        var number = Id(version, QuestionKind.Number);
        Assert.Matches($"<input type=\"checkbox\" id=\"answer-{number}-na\" name=\"answers\\[{number}\\]\" value=\"n/a\"", page.Text);
        Assert.DoesNotMatch($"<input type=\"number\" id=\"answer-{number}\"[^>]*required", page.Text);
        Assert.Equal(2, Regex.Count(page.Text, "value=\"n/a\""));
        Assert.Equal(
            [.. Enumerable.Range(1, version.Questions.Count).Select(n => $"Question {n} of {version.Questions.Count}")],
            Regex.Matches(page.Text, "<p class=\"question-progress\">(.*?)</p>").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task A_submission_with_not_applicable_is_stored_and_read_back_with_each_point_on_its_scale()
    {
        var (token, version) = await fixture.IssueAsync(content: Content());
        using var client = fixture.Node.CreateClient();

        using var submitted = await client.PostFormAsync($"/s/{token}",
        [
            .. Required(version, NotApplicable),
            new(Field(version, QuestionKind.Rating), "10"),
            new(Field(version, QuestionKind.Number), NotApplicable),
        ]);
        var readBack = await HtmlPage.GetAsync(client, submitted.RedirectTarget()!);

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var answers = Regex.Matches(readBack.Text, "<dt>(.*?)</dt>\\s*<dd>(.*?)</dd>").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal("Not applicable", answers["1. How good were the parts?"]);
        Assert.Equal("10 of 10 – Extremely", answers["2. How likely are you to recommend us?"]);
        Assert.Equal("Yes", answers["3. Were deliveries on time?"]);
        Assert.Equal("Not answered", answers["4. How often were deliveries late?"]);
        Assert.Equal("Not applicable", answers["6. Average days late?"]);
        var response = (await fixture.Grain(token).GetSubmittedAsync())!;
        Assert.Equal([NotApplicable], response.Answers[Id(version, QuestionKind.Likert)]);
        Assert.Equal([NotApplicable], response.Answers[Id(version, QuestionKind.Number)]);
        // Quality: the rating alone (100); delivery: yes alone (100).
        Assert.Equal([("quality", 1), ("delivery", 1)], response.Scores.Dimensions.Select(d => (d.DimensionId, d.Answered)));
    }

    [Fact]
    public async Task A_point_inside_the_scale_reads_back_as_a_point_of_the_scale()
    {
        var (token, version) = await fixture.IssueAsync(content: Content());
        using var client = fixture.Node.CreateClient();

        using var submitted = await client.PostFormAsync($"/s/{token}", Required(version, "4"));
        var readBack = await HtmlPage.GetAsync(client, submitted.RedirectTarget()!);

        Assert.Matches("<dt>1\\. How good were the parts\\?</dt>\\s*<dd>4 of 5</dd>", readBack.Text);
    }

    [Fact]
    public async Task Not_applicable_where_it_is_not_allowed_and_a_point_off_the_scale_get_the_form_back_with_messages_and_nothing_is_stored()
    {
        var (token, version) = await fixture.IssueAsync(content: Content());
        using var client = fixture.Node.CreateClient();

        using var response = await client.PostFormAsync($"/s/{token}",
        [
            new(Field(version, QuestionKind.Likert), "6"),
            new(Field(version, QuestionKind.YesNo), NotApplicable),
            new(Field(version, QuestionKind.Number), "3"),
            new(Field(version, QuestionKind.Number), NotApplicable),
            new("action", "submit"),
        ]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#answer-{Id(version, QuestionKind.Likert)}\">Question 1: Choose a point from 1 to 5.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains(
            $"<a href=\"#answer-{Id(version, QuestionKind.YesNo)}\">Question 3: This question cannot be answered “Not applicable”: choose one of the answers given.</a>",
            page.Text,
            StringComparison.Ordinal);
        Assert.Contains(
            $"<a href=\"#answer-{Id(version, QuestionKind.Number)}\">Question 6: Give an answer or choose “Not applicable”, not both.</a>",
            page.Text,
            StringComparison.Ordinal);
        // What was sent comes back as sent: the number typed, and its "Not applicable" ticked.
        Assert.Matches($"id=\"answer-{Id(version, QuestionKind.Number)}\"[^>]*value=\"3\"", page.Text);
        Assert.Matches($"id=\"answer-{Id(version, QuestionKind.Number)}-na\"[^>]*checked=\"checked\"", page.Text);
        Assert.Null((await fixture.Grain(token).GetFormAsync())!.Submitted);
    }

    [Fact]
    public async Task After_a_refused_post_focus_goes_to_the_error_summary_through_autofocus_and_the_nodes_own_script()
    {
        var (token, version) = await fixture.IssueAsync(content: Content());
        using var client = fixture.Node.CreateClient();

        using var response = await client.PostFormAsync($"/s/{token}", [new(Field(version, QuestionKind.Likert), "9"), new("action", "submit")]);
        var page = await HtmlPage.ReadAsync(response);
        var script = Regex.Match(page.Text, "<script src=\"(/js/site\\.js\\?v=[^\"]+)\" defer></script>");
        using var served = await client.GetAsync(script.Groups[1].Value, Cancel);

        Assert.Contains(
            "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\" autofocus>",
            page.Text,
            StringComparison.Ordinal);
        Assert.True(script.Success, "The page loads no script of the node's own.");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/javascript", served.Content.Headers.ContentType?.MediaType);
        Assert.Contains("summary.focus()", await served.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.DoesNotMatch("<script\\b[^>]*\\bsrc=\"(https?:)?//", page.Text);
    }
}
