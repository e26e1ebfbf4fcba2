using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupplierQuality.Integration.Tests.Questionnaires;

[Collection(QuestionnairesNode.Collection)]
public sealed class QuestionnairesApiTests(QuestionnairesNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static object Likert(string? id = null, string? dimensionId = "quality", int points = 5) =>
        new { id, kind = "Likert", text = "How good were the parts?", required = true, dimensionId, points, lowLabel = "Very poor", highLabel = "Excellent" };

    private static object SingleChoice(params object[] options) =>
        new { kind = "singleChoice", text = "How often were deliveries late?", dimensionId = "delivery", options };

    private static object Body(string title = "Supplier survey", object[]? questions = null, object[]? dimensions = null, int? revision = null, Guid? id = null) => new
    {
        id,
        revision,
        title,
        description = "How did we do?",
        dimensions = dimensions ?? [new { id = "quality", name = "Quality", weight = 60 }, new { name = "Delivery", weight = 40 }],
        questions = questions ?? [Likert(), SingleChoice(new { text = "Never", score = 100 }, new { text = "Often", score = 0 })],
    };

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;

    /// <summary>The field errors of a 400 validation problem, after checking it is one.</summary>
    private static async Task<Dictionary<string, string[]>> FieldErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await JsonAsync(response))["errors"]!.Deserialize<Dictionary<string, string[]>>()!;
    }

    private async Task<string> CreateAsync(object? body = null)
    {
        using var response = await fixture.Writer.PostAsJsonAsync("/api/questionnaires", body ?? Body(), Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await JsonAsync(response))["id"]!;
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        using var response = await fixture.Reader.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    [Fact]
    public async Task A_questionnaire_is_created_edited_published_and_edited_into_a_second_version()
    {
        using var created = await fixture.Writer.PostAsJsonAsync("/api/questionnaires", Body(), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await JsonAsync(created))["id"]!;
        Assert.Equal($"/api/questionnaires/{id}", created.Headers.Location?.OriginalString);

        var draft = await GetAsync($"/api/questionnaires/{id}/versions/1");
        Assert.Equal(("Draft", "Supplier survey"), ((string)draft["status"]!, (string)draft["title"]!));
        Assert.Equal(["quality", "delivery"], draft["dimensions"]!.AsArray().Select(d => (string)d!["id"]!));
        var likert = draft["questions"]![0]!;
        Assert.Equal(("q1", "Likert", true), ((string)likert["id"]!, (string)likert["kind"]!, (bool)likert["scored"]!));
        Assert.Equal(["o1", "o2"], draft["questions"]![1]!["options"]!.AsArray().Select(o => (string)o!["id"]!));

        using var edited = await fixture.Writer.PutAsJsonAsync($"/api/questionnaires/{id}/draft", Body("Supplier survey 2025", revision: 1), Cancel);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(2, (int)(await JsonAsync(edited))["revision"]!);

        using var published = await fixture.Writer.PostAsJsonAsync($"/api/questionnaires/{id}/publish", new { revision = 2 }, Cancel);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(1, (int)(await JsonAsync(published))["publishedVersion"]!);
        var frozen = await GetAsync($"/api/questionnaires/{id}/versions/1");
        Assert.Equal("Published", (string)frozen["status"]!);

        using var next = await fixture.Writer.PutAsJsonAsync($"/api/questionnaires/{id}/draft", Body("Supplier survey 2026", revision: 3), Cancel);
        var details = await JsonAsync(next);
        Assert.Equal((2, 1), ((int)details["draftVersion"]!, (int)details["publishedVersion"]!));
        Assert.Equal(frozen.ToJsonString(), (await GetAsync($"/api/questionnaires/{id}/versions/1")).ToJsonString());
        Assert.Equal("Supplier survey 2026", (string)(await GetAsync($"/api/questionnaires/{id}/versions/2"))["title"]!);
    }

    [Fact]
    public async Task A_scored_question_may_allow_not_applicable_and_an_unscored_one_never_does()
    {
        var id = await CreateAsync(Body(questions:
        [
            new { kind = "Likert", text = "How good were the parts?", dimensionId = "quality", points = 5, lowLabel = "Very poor", highLabel = "Excellent", allowNotApplicable = true },
            new { kind = "FreeText", text = "Anything else?", allowNotApplicable = true },
            Likert(),
        ]));

        var draft = await GetAsync($"/api/questionnaires/{id}/versions/1");

        Assert.Equal([true, false, false], draft["questions"]!.AsArray().Select(q => (bool)q!["allowNotApplicable"]!));
    }

    [Fact]
    public async Task The_list_shows_each_questionnaire_with_its_latest_and_published_versions()
    {
        var title = "Listed " + Guid.NewGuid();
        var id = await CreateAsync(Body(title));

        var list = await GetAsync("/api/questionnaires");

        var entry = list["items"]!.AsArray().Single(i => (string)i!["id"]! == id)!;
        Assert.Equal((title, 1, "Draft"), ((string)entry["title"]!, (int)entry["latestVersion"]!, (string)entry["latestStatus"]!));
        Assert.Null(entry["publishedVersion"]);
    }

    [Fact]
    public async Task Post_with_invalid_content_is_rejected_with_a_message_per_field()
    {
        using var response = await fixture.Writer.PostAsJsonAsync(
            "/api/questionnaires",
            Body(
                title: " ",
                dimensions: [new { id = "quality", name = "Quality", weight = 0 }],
                questions:
                [
                    Likert(points: 12),
                    SingleChoice(new { text = "Never", score = 100 }, new { text = "Often", score = 150 }),
                    new { kind = "Essay", text = "Tell us" },
                    new { kind = "FreeText", text = "Anything else?", maxLength = 5000 },
                ]),
            Cancel);

        var errors = await FieldErrorsAsync(response);
        Assert.Equal(
            ["dimensions[0].weight", "questions[0].points", "questions[1].dimensionId", "questions[1].options[1].score", "questions[2].kind", "questions[3].maxLength", "title"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["The score must be from 0 to 100."], errors["questions[1].options[1].score"]);
        Assert.Contains("Likert, Rating, YesNo", errors["questions[2].kind"].Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"title\": ")]
    [InlineData("{\"title\": \"x\", \"dimensions\": [{\"weight\": \"heavy\"}]}")]
    [InlineData("")]
    public async Task Post_with_malformed_json_or_no_body_is_a_400_problem(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/questionnaires")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };

        using var response = await fixture.Writer.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_retried_post_with_an_id_returns_the_same_questionnaire_and_other_content_is_409()
    {
        var id = Guid.NewGuid();

        using var first = await fixture.Writer.PostAsJsonAsync("/api/questionnaires", Body(id: id), Cancel);
        using var retry = await fixture.Writer.PostAsJsonAsync("/api/questionnaires", Body(id: id), Cancel);
        using var other = await fixture.Writer.PostAsJsonAsync("/api/questionnaires", Body("Other", id: id), Cancel);

        Assert.Equal(
            (HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict),
            (first.StatusCode, retry.StatusCode, other.StatusCode));
        var (a, b) = (await JsonAsync(first), await JsonAsync(retry));
        Assert.Equal(((string)a["id"]!, 1), ((string)b["id"]!, (int)b["revision"]!));
    }

    [Fact]
    public async Task Put_with_a_stale_revision_is_409_with_the_current_revision()
    {
        var id = await CreateAsync();
        using var first = await fixture.Writer.PutAsJsonAsync($"/api/questionnaires/{id}/draft", Body("First edit", revision: 1), Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var stale = await fixture.Writer.PutAsJsonAsync($"/api/questionnaires/{id}/draft", Body("Second edit", revision: 1), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, (int)(await JsonAsync(stale))["currentRevision"]!);
        Assert.Equal("First edit", (string)(await GetAsync($"/api/questionnaires/{id}/versions/1"))["title"]!);
    }

    [Fact]
    public async Task Put_without_a_revision_is_rejected_with_a_field_message()
    {
        var id = await CreateAsync();

        using var response = await fixture.Writer.PutAsJsonAsync($"/api/questionnaires/{id}/draft", Body("Edit"), Cancel);

        Assert.Equal(["revision"], (await FieldErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task Publishing_an_unfinished_draft_is_400_with_what_it_lacks()
    {
        var id = await CreateAsync(Body(questions: [Likert(dimensionId: null)]));

        using var response = await fixture.Writer.PostAsJsonAsync($"/api/questionnaires/{id}/publish", new { revision = 1 }, Cancel);

        Assert.Equal(["Choose a dimension: answers to this question are scored."], (await FieldErrorsAsync(response))["questions[0].dimensionId"]);
        Assert.Equal("Draft", (string)(await GetAsync($"/api/questionnaires/{id}/versions/1"))["status"]!);
    }

    [Fact]
    public async Task Publishing_when_every_version_is_published_is_409()
    {
        var id = await CreateAsync();
        using var first = await fixture.Writer.PostAsJsonAsync($"/api/questionnaires/{id}/publish", new { revision = 1 }, Cancel);

        using var second = await fixture.Writer.PostAsJsonAsync($"/api/questionnaires/{id}/publish", new { revision = 2 }, Cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode));
    }

    [Fact]
    public async Task Publishing_without_a_revision_is_rejected_with_a_field_message()
    {
        var id = await CreateAsync();

        using var response = await fixture.Writer.PostAsJsonAsync($"/api/questionnaires/{id}/publish", new { }, Cancel);

        Assert.Equal(["revision"], (await FieldErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task A_copy_is_a_new_questionnaire_and_a_retried_copy_with_its_id_returns_it()
    {
        var id = await CreateAsync(Body("Original"));
        var copyId = Guid.NewGuid();

        using var copied = await fixture.Writer.PostAsJsonAsync($"/api/questionnaires/{id}/copy", new { id = copyId }, Cancel);
        using var retry = await fixture.Writer.PostAsJsonAsync($"/api/questionnaires/{id}/copy", new { id = copyId }, Cancel);
        using var bodiless = await fixture.Writer.PostAsync($"/api/questionnaires/{id}/copy", null, Cancel);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Created), (copied.StatusCode, retry.StatusCode, bodiless.StatusCode));
        Assert.Equal($"/api/questionnaires/{copyId}", copied.Headers.Location?.OriginalString);
        var copy = await JsonAsync(copied);
        Assert.Equal(("Original (copy)", id, 1), ((string)copy["title"]!, (string)copy["copiedFrom"]!["questionnaireId"]!, (int)copy["draftVersion"]!));
        Assert.NotEqual(copyId.ToString(), (string)(await JsonAsync(bodiless))["id"]!);
    }

    [Fact]
    public async Task Unknown_questionnaires_and_versions_are_404()
    {
        var known = await CreateAsync();
        var unknown = Guid.NewGuid();

        using var get = await fixture.Reader.GetAsync($"/api/questionnaires/{unknown}", Cancel);
        using var version = await fixture.Reader.GetAsync($"/api/questionnaires/{known}/versions/2", Cancel);
        using var put = await fixture.Writer.PutAsJsonAsync($"/api/questionnaires/{unknown}/draft", Body(revision: 1), Cancel);
        using var publish = await fixture.Writer.PostAsJsonAsync($"/api/questionnaires/{unknown}/publish", new { revision = 1 }, Cancel);
        using var copy = await fixture.Writer.PostAsJsonAsync($"/api/questionnaires/{unknown}/copy", new { }, Cancel);
        using var malformed = await fixture.Reader.GetAsync("/api/questionnaires/not-a-guid", Cancel);

        Assert.All(
            new[] { get, version, put, publish, copy, malformed },
            r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
    }

    [Fact]
    public async Task An_executive_key_reads_but_cannot_write()
    {
        var id = await CreateAsync();

        using var list = await fixture.Reader.GetAsync("/api/questionnaires", Cancel);
        using var get = await fixture.Reader.GetAsync($"/api/questionnaires/{id}", Cancel);
        using var post = await fixture.Reader.PostAsJsonAsync("/api/questionnaires", Body(), Cancel);
        using var put = await fixture.Reader.PutAsJsonAsync($"/api/questionnaires/{id}/draft", Body(revision: 1), Cancel);
        using var publish = await fixture.Reader.PostAsJsonAsync($"/api/questionnaires/{id}/publish", new { revision = 1 }, Cancel);
        using var copy = await fixture.Reader.PostAsJsonAsync($"/api/questionnaires/{id}/copy", new { }, Cancel);

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { list, get, post, put, publish, copy }.Select(r => r.StatusCode));
        Assert.Equal(1, (int)(await GetAsync($"/api/questionnaires/{id}"))["revision"]!);
    }

    [Fact]
    public async Task A_call_without_an_api_key_is_401_even_with_a_signed_in_cookie()
    {
        using var browser = await fixture.SignedInManagerAsync();

        using var response = await browser.GetAsync("/api/questionnaires", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
