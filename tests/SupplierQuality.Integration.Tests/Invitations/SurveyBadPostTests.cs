using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Invitations;

/// <summary>
/// Posts the framework's form reader refuses, or that fail the antiforgery check: the supplier gets the form back as a
/// page, with a message, the answers that could be read and the saved ones for the rest; nothing saved is lost.
/// </summary>
[Collection(InvitationsNode.Collection)]
public sealed class SurveyBadPostTests(InvitationsNode fixture) : IDisposable
{
    /// <summary>A browser: it asks for HTML.</summary>
    private readonly HttpClient _client = Browser(fixture.Node);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Id(QuestionnaireVersion version, QuestionKind kind) => version.Questions.First(q => q.Kind == kind).Id;

    private static string Field(QuestionnaireVersion version, QuestionKind kind) => Uri.EscapeDataString($"answers[{Id(version, kind)}]");

    public void Dispose() => _client.Dispose();

    private static HttpClient Browser(TestNode node)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        return client;
    }

    /// <summary>An invitation with a saved draft (likert 2, free text "Half way there"), and the form's antiforgery token, URL-encoded.</summary>
    private async Task<(string Token, QuestionnaireVersion Version, string Antiforgery)> SavedDraftAsync()
    {
        var (token, version) = await fixture.IssueAsync();
        Assert.Equal(
            Grains.Invitations.InvitationOutcome.Ok,
            (await fixture.Grain(token).SaveDraftAsync(new Dictionary<string, string[]>
            {
                [Id(version, QuestionKind.Likert)] = ["2"],
                [Id(version, QuestionKind.FreeText)] = ["Half way there"],
            })).Outcome);
        return (token, version, Uri.EscapeDataString(await _client.GetAntiforgeryTokenAsync($"/s/{token}")));
    }

    /// <summary>Posts as a browser would and expects a page back.</summary>
    private async Task<(HttpStatusCode Status, HtmlPage Page)> PostAsync(string token, HttpContent content, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/s/{token}") { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        using var response = await _client.SendAsync(request, Cancel);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await HtmlPage.ReadAsync(response));
    }

    private Task<(HttpStatusCode Status, HtmlPage Page)> PostAsync(string token, string body) =>
        PostAsync(token, Form(body));

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");

    private async Task AssertDraftUnchangedAsync(string token, QuestionnaireVersion version)
    {
        var form = (await fixture.Grain(token).GetFormAsync())!;
        Assert.Equal(["2"], form.Draft![Id(version, QuestionKind.Likert)]);
        Assert.Equal(["Half way there"], form.Draft[Id(version, QuestionKind.FreeText)]);
        Assert.Equal(2, form.Draft.Count);
        Assert.Null(form.Submitted);
    }

    /// <summary>The message is a line of the error summary at the top of the page.</summary>
    private static void AssertMessage(HtmlPage page, string message, bool whole = true) =>
        Assert.Matches($"<div class=\"error-summary\"[\\s\\S]*<li>\\s*{Regex.Escape(message)}{(whole ? "\\s*</li>" : "")}", page.Text);

    private static void AssertLikertChosen(HtmlPage page, QuestionnaireVersion version, int point) =>
        Assert.Matches($"id=\"answer-{Id(version, QuestionKind.Likert)}(-{point})?\"[^>]*value=\"{point}\"[^>]*checked=\"checked\"", page.Text);

    [Fact]
    public async Task A_nul_in_an_answer_keeps_the_other_answers_and_marks_that_question()
    {
        var (token, version, antiforgery) = await SavedDraftAsync();

        var (status, page) = await PostAsync(token,
            $"{Field(version, QuestionKind.Likert)}=3&{Field(version, QuestionKind.Number)}=1.5&{Field(version, QuestionKind.FreeText)}=a%00b&action=save&__RequestVerificationToken={antiforgery}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        AssertMessage(page, "Nothing was saved: some answers could not be read as sent. Check the answers marked below and send them again.");
        Assert.Contains(
            $"<a href=\"#answer-{Id(version, QuestionKind.FreeText)}\">Question 7: This answer had invisible control characters, which cannot be kept. They are removed below: check the answer and send it again.</a>",
            page.Text,
            StringComparison.Ordinal);
        Assert.Matches($"id=\"answer-{Id(version, QuestionKind.FreeText)}\"[^>]*aria-invalid=\"true\"[^>]*>ab</textarea>", page.Text);
        AssertLikertChosen(page, version, 3);
        Assert.Equal("1.5", page.ValueOf($"answer-{Id(version, QuestionKind.Number)}"));
        await AssertDraftUnchangedAsync(token, version);
    }

    [Fact]
    public async Task An_answer_over_the_form_value_limit_shows_the_other_answers_and_the_saved_one_in_its_place()
    {
        var (token, version, antiforgery) = await SavedDraftAsync();

        // 4 MiB is FormOptions.ValueLengthLimit: one byte over it.
        var (status, page) = await PostAsync(token,
            $"{Field(version, QuestionKind.Likert)}=3&{Field(version, QuestionKind.FreeText)}={new string('x', 4 * 1024 * 1024 + 1)}&action=save&__RequestVerificationToken={antiforgery}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(
            $"Question 7: This answer was too long to read (over 4,194,304 characters), so none of it could be kept. Your last saved answer is shown.</a>",
            page.Text,
            StringComparison.Ordinal);
        Assert.Contains(">Half way there</textarea>", page.Text, StringComparison.Ordinal);
        AssertLikertChosen(page, version, 3);
        await AssertDraftUnchangedAsync(token, version);
    }

    [Fact]
    public async Task More_fields_than_the_form_limit_show_those_read_and_the_saved_answers_for_the_rest()
    {
        var (token, version, antiforgery) = await SavedDraftAsync();

        var junk = string.Join('&', Enumerable.Range(0, 1100).Select(i => $"extra{i}=1"));
        var (status, page) = await PostAsync(token,
            $"{Field(version, QuestionKind.Likert)}=3&{junk}&{Field(version, QuestionKind.FreeText)}=Never+read&action=save&__RequestVerificationToken={antiforgery}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertMessage(page, "Nothing was saved: the form sent more than 1,024 fields, so the rest could not be read. The answers that could be read are below, with your last saved answers for the others: check them and send them again.");
        AssertLikertChosen(page, version, 3);
        Assert.Contains(">Half way there</textarea>", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Never read", page.Text, StringComparison.Ordinal);
        await AssertDraftUnchangedAsync(token, version);
    }

    [Fact]
    public async Task A_body_over_the_server_limit_gets_413_with_the_last_saved_answers()
    {
        var (token, version, antiforgery) = await SavedDraftAsync();

        // Kestrel's MaxRequestBodySize is 30,000,000 bytes.
        var body = Encoding.ASCII.GetBytes($"{Field(version, QuestionKind.Likert)}=3&__RequestVerificationToken={antiforgery}&{Field(version, QuestionKind.FreeText)}={new string('x', 30_000_000)}");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        // The node answers without reading the body and closes the connection: a client still sending would see a
        // broken pipe instead of the page, so this one waits for "100 Continue" before it sends.
        var (status, page) = await PostAsync(token, content, expectContinue: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        AssertMessage(page, "Nothing was saved: what was sent is larger than the 28.6 MB this site accepts, so the rest could not be read.", whole: false);
        AssertLikertChosen(page, version, 2);
        Assert.Contains(">Half way there</textarea>", page.Text, StringComparison.Ordinal);
        await AssertDraftUnchangedAsync(token, version);
    }

    [Fact]
    public async Task A_post_without_a_valid_antiforgery_token_shows_the_answers_again_and_saves_nothing()
    {
        var (token, version, _) = await SavedDraftAsync();

        foreach (var antiforgery in new[] { string.Empty, "&__RequestVerificationToken=forged" })
        {
            var (status, page) = await PostAsync(token,
                $"{Field(version, QuestionKind.Likert)}=3&{Field(version, QuestionKind.FreeText)}=Typed+again&action=save{antiforgery}");

            Assert.Equal(HttpStatusCode.BadRequest, status);
            AssertMessage(page, "Nothing was saved: this page had expired, or was opened in another browser. Your answers are below: check them and send them again.");
            AssertLikertChosen(page, version, 3);
            Assert.Contains(">Typed again</textarea>", page.Text, StringComparison.Ordinal);
        }

        await AssertDraftUnchangedAsync(token, version);
    }

    [Fact]
    public async Task A_post_that_is_not_a_form_shows_the_last_saved_answers()
    {
        var (token, version, _) = await SavedDraftAsync();

        var (status, page) = await PostAsync(token, new StringContent("{\"answers\":{}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertMessage(page, "Nothing was saved: what was sent is not this form, so it could not be read. Your last saved answers are below.");
        AssertLikertChosen(page, version, 2);
        Assert.Contains(">Half way there</textarea>", page.Text, StringComparison.Ordinal);
        await AssertDraftUnchangedAsync(token, version);
    }

    [Fact]
    public async Task A_truncated_or_malformed_body_is_read_as_far_as_it_goes()
    {
        var (token, version, antiforgery) = await SavedDraftAsync();

        // Stray separators and escapes that are not escapes stay as typed; the body ends inside an escape.
        using var response = await _client.PostAsync($"/s/{token}", Form(
            $"&&=&{Field(version, QuestionKind.Likert)}=3&__RequestVerificationToken={antiforgery}&action=save&{Field(version, QuestionKind.FreeText)}=100%25+sure%zz%2"), Cancel);
        var form = (await fixture.Grain(token).GetFormAsync())!;

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["3"], form.Draft![Id(version, QuestionKind.Likert)]);
        Assert.Equal(["100% sure%zz%2"], form.Draft[Id(version, QuestionKind.FreeText)]);
    }
}
