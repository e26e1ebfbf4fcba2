using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Invitations;

[Collection(InvitationsNode.Collection)]
public sealed class SurveyPageTests(InvitationsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Id(QuestionnaireVersion version, QuestionKind kind) => version.Questions.First(q => q.Kind == kind).Id;

    private static string Field(QuestionnaireVersion version, QuestionKind kind) => $"answers[{Id(version, kind)}]";

    /// <summary>Answers to every question, as the form posts them.</summary>
    private static List<KeyValuePair<string, string>> Complete(QuestionnaireVersion version, string likert = "4")
    {
        var multiple = version.Questions.First(q => q.Kind == QuestionKind.MultipleChoice);
        return
        [
            new(Field(version, QuestionKind.Likert), likert),
            new(Field(version, QuestionKind.Rating), "9"),
            new(Field(version, QuestionKind.YesNo), "yes"),
            new(Field(version, QuestionKind.SingleChoice), version.Questions.First(q => q.Kind == QuestionKind.SingleChoice).Options[0].Id),
            new(Field(version, QuestionKind.MultipleChoice), multiple.Options[0].Id),
            new(Field(version, QuestionKind.MultipleChoice), multiple.Options[1].Id),
            new(Field(version, QuestionKind.Number), "1.5"),
            new(Field(version, QuestionKind.FreeText), "Answer the phone faster."),
        ];
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string action, IEnumerable<KeyValuePair<string, string>> answers, string? formPath = null) =>
        client.PostFormAsync($"/s/{token}", [.. answers, new("action", action)], formPath ?? $"/s/{token}");

    [Fact]
    public async Task The_form_shows_the_buyer_the_campaign_the_deadline_and_the_questions_grouped_by_dimension()
    {
        var deadline = new DateTimeOffset(2099, 3, 31, 17, 0, 0, TimeSpan.Zero);
        var (token, version) = await fixture.IssueAsync(deadline, "Spring review 2099");
        using var client = fixture.Node.CreateClient();

        using var response = await client.GetAsync($"/s/{token}", Cancel);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(InvitationsNode.BuyerName, page.Text, StringComparison.Ordinal);
        Assert.Contains("<h1>Spring review 2099</h1>", page.Text, StringComparison.Ordinal);
        Assert.Contains("31 March 2099, 17:00 UTC", page.Text, StringComparison.Ordinal);
        Assert.Contains("<legend>Quality</legend>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<legend>Delivery</legend>", page.Text, StringComparison.Ordinal);
        Assert.All(version.Questions, q => Assert.Contains($"name=\"answers[{q.Id}]\"", page.Text, StringComparison.Ordinal));
        Assert.Contains("formnovalidate", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in", page.Text, StringComparison.Ordinal);
        Assert.Equal(InvitationStatus.Opened, (await fixture.Grain(token).GetFormAsync())!.Status);
    }

    [Fact]
    public async Task Survey_answers_are_never_cached_and_never_leak_the_link_as_a_referrer()
    {
        var (token, _) = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();

        foreach (var path in new[] { $"/s/{token}", "/s/abc" })
        {
            using var response = await client.GetAsync(path, Cancel);

            Assert.Equal(["no-referrer"], response.Headers.GetValues("Referrer-Policy"));
            Assert.True(response.Headers.CacheControl!.NoStore, path);
        }
    }

    [Fact]
    public async Task Saved_answers_are_there_when_the_supplier_comes_back()
    {
        var (token, version) = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();

        using var saved = await PostAsync(client, token, "save", [new(Field(version, QuestionKind.Likert), "2"), new(Field(version, QuestionKind.FreeText), "Half way there")]);
        var confirmation = await HtmlPage.GetAsync(client, saved.RedirectTarget()!);
        using var later = fixture.Node.CreateClient();
        var comeBack = await HtmlPage.GetAsync(later, $"/s/{token}");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/s/{token}?saved=true", saved.RedirectTarget());
        Assert.Contains("Your answers are saved", confirmation.Text, StringComparison.Ordinal);
        Assert.Matches($"<input type=\"radio\" id=\"answer-{Id(version, QuestionKind.Likert)}-2\"[^>]*value=\"2\"[^>]*checked=\"checked\"", comeBack.Text);
        Assert.Contains(">Half way there</textarea>", comeBack.Text, StringComparison.Ordinal);
        Assert.Equal(InvitationStatus.InProgress, (await fixture.Grain(token).GetFormAsync())!.Status);
    }

    [Fact]
    public async Task An_incomplete_submission_shows_the_form_again_with_messages_and_everything_typed()
    {
        var (token, version) = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();
        var likert = Id(version, QuestionKind.Likert);

        using var response = await PostAsync(client, token, "submit", Complete(version).Where(a => a.Key != Field(version, QuestionKind.Likert)));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains("There is a problem", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#answer-{likert}\">Question 1: Choose an answer.</a>", page.Text, StringComparison.Ordinal);
        Assert.Matches($"id=\"answer-{likert}\"[^>]*aria-invalid=\"true\"", page.Text);
        Assert.Contains(">Answer the phone faster.</textarea>", page.Text, StringComparison.Ordinal);
        Assert.Matches($"id=\"answer-{Id(version, QuestionKind.Number)}\"[^>]*value=\"1.5\"", page.Text);
        Assert.Null((await fixture.Grain(token).GetFormAsync())!.Submitted);
    }

    [Fact]
    public async Task Out_of_range_unknown_and_oversized_answers_get_messages_not_a_server_error()
    {
        var (token, version) = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();

        using var response = await client.PostFormAsync($"/s/{token}",
        [
            .. Complete(version).Where(a => a.Key != Field(version, QuestionKind.Rating) && a.Key != Field(version, QuestionKind.FreeText)),
            new(Field(version, QuestionKind.Rating), "11"),
            new(Field(version, QuestionKind.FreeText), new string('x', 1501)),
            new("answers[no-such-question]", "1"),
            new("answers[", "1"),
        ]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a number from 0 to 10.", page.Text, StringComparison.Ordinal);
        Assert.Contains("The answer must be at most 1500 characters (it has 1501).", page.Text, StringComparison.Ordinal);
        Assert.Contains("a question this questionnaire does not have", page.Text, StringComparison.Ordinal);
        Assert.Null((await fixture.Grain(token).GetFormAsync())!.Submitted);
    }

    [Fact]
    public async Task A_complete_submission_is_confirmed_and_an_edit_becomes_version_two()
    {
        var (token, version) = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();

        using var submitted = await PostAsync(client, token, "submit", Complete(version));
        var confirmation = await HtmlPage.GetAsync(client, submitted.RedirectTarget()!);
        var edit = await HtmlPage.GetAsync(client, $"/s/{token}?edit=true");
        using var edited = await PostAsync(client, token, "submit", Complete(version, likert: "5"), formPath: $"/s/{token}?edit=true");
        var second = await HtmlPage.GetAsync(client, $"/s/{token}");

        Assert.Equal($"/s/{token}?submitted=true", submitted.RedirectTarget());
        Assert.Contains("Thank you: your answers are submitted", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("Version 1, sent", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("<dd>4 of 5</dd>", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("<dd>Email, Phone</dd>", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("Answer the phone faster.", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/s/{token}?edit=true\">Edit your answers</a>", confirmation.Text, StringComparison.Ordinal);
        Assert.Matches($"id=\"answer-{Id(version, QuestionKind.Likert)}-4\"[^>]*checked=\"checked\"", edit.Text);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("Version 2, sent", second.Text, StringComparison.Ordinal);
        Assert.Equal(2, (await fixture.Grain(token).GetFormAsync())!.Submitted!.Version);
    }

    [Fact]
    public async Task Posting_the_same_submission_twice_stores_one_version()
    {
        var (token, version) = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();
        var submission = Guid.NewGuid().ToString();

        using var first = await PostAsync(client, token, "submit", [.. Complete(version), new("submissionId", submission)]);
        using var again = await PostAsync(client, token, "submit", [.. Complete(version), new("submissionId", submission)], formPath: $"/s/{token}?edit=true");

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, again.StatusCode));
        Assert.Equal(1, (await fixture.Grain(token).GetFormAsync())!.Submitted!.Version);
    }

    [Fact]
    public async Task Malformed_and_unknown_links_all_get_the_same_not_valid_page()
    {
        using var client = fixture.Node.CreateClient();
        var paths = new[] { "/s/abc", "/s/abc?edit[=1", "/s/%25%25%25", "/s/%%%", "/s/" + new string('a', 500), "/s/" + InvitationToken.New(), "/s/a/b", "/s/" };

        var pages = new List<string>();
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path, Cancel);
            Assert.True(HttpStatusCode.NotFound == response.StatusCode, $"{path}: {(int)response.StatusCode}");
            pages.Add(await response.Content.ReadAsStringAsync(Cancel));
        }

        Assert.Single(pages.Distinct(StringComparer.Ordinal));
        Assert.Contains("This link is not valid", pages[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InvitationEnding.Cancelled, "cancelled the survey", "before its deadline")]
    [InlineData(InvitationEnding.ClosedEarly, "closed the survey before its deadline", "cancelled")]
    [InlineData(InvitationEnding.Deadline, "The deadline has passed", "cancelled")]
    public async Task A_closed_survey_says_why_in_its_own_words(InvitationEnding ending, string says, string doesNotSay)
    {
        var (token, _) = await fixture.IssueAsync();
        await fixture.Grain(token).CloseAsync(ending);
        using var client = fixture.Node.CreateClient();

        using var response = await client.GetAsync($"/s/{token}", Cancel);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("This survey is closed", page.Text, StringComparison.Ordinal);
        Assert.Contains(says, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(doesNotSay, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_sent_after_the_deadline_gets_the_closed_page_and_nothing_is_stored()
    {
        var (token, version) = await fixture.IssueAsync(DateTimeOffset.UtcNow.AddSeconds(3));
        using var client = fixture.Node.CreateClient();
        var antiforgery = await client.GetAntiforgeryTokenAsync($"/s/{token}");
        await Task.Delay(TimeSpan.FromSeconds(3.5), Cancel);

        using var content = new FormUrlEncodedContent([.. Complete(version), new("action", "submit"), new(NodeClientExtensions.AntiforgeryField, antiforgery)]);
        using var response = await client.PostAsync($"/s/{token}", content, Cancel);
        var page = await HtmlPage.ReadAsync(response);
        using var get = await client.GetAsync($"/s/{token}", Cancel);

        Assert.Equal((HttpStatusCode.Gone, HttpStatusCode.Gone), (response.StatusCode, get.StatusCode));
        Assert.Contains("The deadline has passed", page.Text, StringComparison.Ordinal);
        Assert.Null((await fixture.Grain(token).GetFormAsync())!.Submitted);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var (token, version) = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();

        using var content = new FormUrlEncodedContent([.. Complete(version), new("action", "submit")]);
        using var response = await client.PostAsync($"/s/{token}", content, Cancel);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nothing was saved: this page had expired", page.Text, StringComparison.Ordinal);
        Assert.Null((await fixture.Grain(token).GetFormAsync())!.Submitted);
    }

    [Fact]
    public async Task A_post_without_any_of_the_forms_fields_gets_messages_not_a_server_error()
    {
        var (token, version) = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();

        using var response = await client.PostFormAsync($"/s/{token}?edit[=1", []);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<a href=\"#answer-{Id(version, QuestionKind.Likert)}\">Question 1: Choose an answer.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#answer-{Id(version, QuestionKind.YesNo)}\">Question 3: Choose an answer.</a>", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_draft_and_a_stored_submit_each_call_the_invitation_once()
    {
        var (token, version) = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();
        var antiforgery = new KeyValuePair<string, string>(NodeClientExtensions.AntiforgeryField, await client.GetAntiforgeryTokenAsync($"/s/{token}"));
        using var calls = new GrainCalls($"invitation/{InvitationToken.Hash(token)}");

        using var saved = await client.PostAsync($"/s/{token}", new FormUrlEncodedContent([new(Field(version, QuestionKind.Likert), "2"), new("action", "save"), antiforgery]), Cancel);
        using var submitted = await client.PostAsync($"/s/{token}", new FormUrlEncodedContent([.. Complete(version), new("action", "submit"), antiforgery]), Cancel);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (saved.StatusCode, submitted.StatusCode));
        Assert.Equal(["SaveDraftAsync", "SubmitAsync"], calls.Made);
    }

    /// <summary>The calls the node makes to one grain while this lives, from Orleans' own spans.</summary>
    private sealed class GrainCalls : IDisposable
    {
        private readonly ConcurrentQueue<string> _calls = new();
        private readonly ActivityListener _listener;

        public GrainCalls(string grainId)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Microsoft.Orleans.Application",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = activity =>
                {
                    if (activity.Kind == ActivityKind.Client && Equals(activity.GetTagItem("orleans.rpc.target_id"), grainId))
                    {
                        _calls.Enqueue(activity.DisplayName[(activity.DisplayName.LastIndexOf('/') + 1)..]);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<string> Made => [.. _calls];

        public void Dispose() => _listener.Dispose();
    }
}
