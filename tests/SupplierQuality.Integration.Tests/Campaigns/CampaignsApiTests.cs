using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Integration.Tests.Campaigns;

[Collection(CampaignsNode.Collection)]
public sealed class CampaignsApiTests(CampaignsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, object?> Body(Guid questionnaireId, IEnumerable<TestSupplier> suppliers, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = "API campaign",
            ["questionnaireId"] = questionnaireId,
            ["questionnaireVersion"] = 1,
            ["audience"] = "Chosen",
            ["suppliers"] = suppliers.Select(s => s.Id).ToArray(),
            ["evaluators"] = new[] { new { name = "Ann Lee", email = $"ann-{Guid.NewGuid():N}@buyer.test" } },
            ["deadline"] = DateTimeOffset.UtcNow.AddDays(14),
            ["reminderDays"] = new[] { 3, 7 },
            ["subject"] = "{{supplier_name}}: how did we do?",
            ["intro"] = "Dear {{contact_name}}, please tell us.",
        };
        change?.Invoke(body);
        return body;
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;

    /// <summary>The field errors of a 400 validation problem, after checking it is one.</summary>
    private static async Task<Dictionary<string, string[]>> FieldErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await JsonAsync(response))["errors"]!.Deserialize<Dictionary<string, string[]>>()!;
    }

    private Task<HttpResponseMessage> PostRawAsync(string path, string? json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return fixture.Writer.SendAsync(request, Cancel);
    }

    [Fact]
    public async Task A_campaign_is_created_launched_read_and_resent_through_the_api()
    {
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 2, 1);

        using var created = await fixture.Writer.PostAsJsonAsync("/api/campaigns", Body(questionnaireId, suppliers), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await JsonAsync(created);
        var id = Guid.Parse((string)draft["id"]!);
        Assert.Equal($"/api/campaigns/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(("Draft", "Chosen", CampaignsNode.BuyerName), ((string)draft["status"]!, (string)draft["definition"]!["audience"]!, (string)draft["definition"]!["buyerName"]!));

        using var launched = await fixture.Writer.PostAsync(new Uri($"/api/campaigns/{id}/launch", UriKind.Relative), null, Cancel);
        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);
        Assert.Equal("Open", (string)(await JsonAsync(launched))["status"]!);
        await fixture.Node.Grains.GetGrain<ICampaignGrain>(id).RunAsync();

        // Three contacts and one evaluator per supplier.
        var read = await CampaignsNode.EventuallyAsync(
            async () =>
            {
                using var response = await fixture.Reader.GetAsync(created.Headers.Location, Cancel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await JsonAsync(response);
            },
            c => (int)c["counts"]!["sent"]! == 5,
            "five invitations sent");
        Assert.Equal((5, 2, 0m), ((int)read["counts"]!["invited"]!, (int)read["counts"]!["suppliersTargeted"]!, (decimal)read["counts"]!["responseRate"]!));

        using var list = await fixture.Reader.GetAsync(new Uri("/api/campaigns", UriKind.Relative), Cancel);
        Assert.Contains((await JsonAsync(list))["items"]!.AsArray(), c => (string)c!["id"]! == id.ToString());

        using var nonResponders = await fixture.Reader.GetAsync(new Uri($"/api/campaigns/{id}/suppliers?nonResponders=true&skip=1&take=1", UriKind.Relative), Cancel);
        var page = await JsonAsync(nonResponders);
        Assert.Equal((2, 1), ((int)page["total"]!, page["items"]!.AsArray().Count));

        var supplierPath = $"/api/campaigns/{id}/suppliers/{suppliers[0].Id}";
        using var supplier = await fixture.Reader.GetAsync(new Uri(supplierPath, UriKind.Relative), Cancel);
        var invitations = (await JsonAsync(supplier))["invitations"]!.AsArray();
        Assert.Equal(3, invitations.Count);
        Assert.Equal(["Contact", "Contact", "Evaluator"], invitations.Select(i => (string)i!["kind"]!));
        var key = (string)invitations[0]!["invitationKey"]!;

        // The same Idempotency-Key twice is one click: one resend, however the first one has gone on.
        var lines = new List<JsonNode>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{supplierPath}/invitations/{key}/resend");
            request.Headers.Add("Idempotency-Key", "resend-ana-2026-12-02");
            using var resent = await fixture.Writer.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
            lines.Add((await JsonAsync(resent))["invitations"]!.AsArray().Single(l => (string)l!["invitationKey"]! == key)!);
        }

        Assert.All(lines, line => Assert.Equal(
            ["invite", "resend-1"],
            line["waiting"]!.AsArray().Concat(line["sent"]!.AsArray()).Select(p => (string)p!).Order(StringComparer.Ordinal)));

        // Remind now, twice under one Idempotency-Key: one reminder by hand for each who has not answered.
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{id}/remind")
            {
                Content = JsonContent.Create(new { line = "Our audit is next week." }),
            };
            request.Headers.Add("Idempotency-Key", "remind-2026-12-02");
            using var reminded = await fixture.Writer.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.OK, reminded.StatusCode);
        }

        await fixture.Node.Grains.GetGrain<ICampaignGrain>(id).RunAsync();
        using var afterRemind = await fixture.Reader.GetAsync(new Uri(supplierPath, UriKind.Relative), Cancel);
        var other = (await JsonAsync(afterRemind))["invitations"]!.AsArray()[1]!;
        Assert.Equal(
            ["invite", "nudge-1"],
            other["waiting"]!.AsArray().Concat(other["sent"]!.AsArray()).Select(p => (string)p!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_retried_create_with_the_same_id_answers_the_same_campaign_and_another_body_is_409()
    {
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);
        var id = Guid.NewGuid();
        var body = Body(questionnaireId, suppliers, b => b["id"] = id);

        using var first = await fixture.Writer.PostAsJsonAsync("/api/campaigns", body, Cancel);
        using var retry = await fixture.Writer.PostAsJsonAsync("/api/campaigns", body, Cancel);
        body["name"] = "Another campaign";
        using var other = await fixture.Writer.PostAsJsonAsync("/api/campaigns", body, Cancel);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, retry.StatusCode, other.StatusCode));
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_draft_is_replaced_with_put_until_it_is_launched()
    {
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);
        using var created = await fixture.Writer.PostAsJsonAsync("/api/campaigns", Body(questionnaireId, suppliers), Cancel);
        var path = created.Headers.Location!.OriginalString;

        using var replaced = await fixture.Writer.PutAsJsonAsync(path, Body(questionnaireId, suppliers, b => b["name"] = "Renamed draft"), Cancel);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("Renamed draft", (string)(await JsonAsync(replaced))["definition"]!["name"]!);

        using var launched = await fixture.Writer.PostAsync(new Uri($"{path}/launch", UriKind.Relative), null, Cancel);
        using var late = await fixture.Writer.PutAsJsonAsync(path, Body(questionnaireId, suppliers, b => b["name"] = "Too late"), Cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (launched.StatusCode, late.StatusCode));
    }

    [Fact]
    public async Task Post_without_a_name_or_with_an_unknown_audience_is_rejected_with_field_messages()
    {
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);

        using var response = await fixture.Writer.PostAsJsonAsync("/api/campaigns", Body(questionnaireId, suppliers, b =>
        {
            b["name"] = " ";
            b["audience"] = "Everyone";
        }), Cancel);

        var errors = await FieldErrorsAsync(response);
        Assert.Equal(["audience", "name"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["'Everyone' is not an audience. Use AllActive, Category, Chosen."], errors["audience"]);
    }

    [Fact]
    public async Task Post_with_bad_values_names_each_field()
    {
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();

        using var response = await fixture.Writer.PostAsJsonAsync("/api/campaigns", Body(questionnaireId, [], b =>
        {
            b["suppliers"] = new[] { Guid.NewGuid() };
            b["questionnaireVersion"] = 2;
            b["evaluators"] = new[] { new { name = "Ann", email = "ann-at-buyer" } };
            b["deadline"] = null;
            b["subject"] = "Hello {{supplier}}";
        }), Cancel);

        var errors = await FieldErrorsAsync(response);
        Assert.Equal(["deadline", "evaluators[0].email", "subject", "suppliers"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("No supplier has the id ", errors["suppliers"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpublished_questionnaire_version_is_rejected_by_the_campaign()
    {
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);

        using var response = await fixture.Writer.PostAsJsonAsync("/api/campaigns", Body(questionnaireId, suppliers, b => b["questionnaireVersion"] = 2), Cancel);

        Assert.Equal(["questionnaire"], (await FieldErrorsAsync(response)).Keys);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"deadline\": \"next week\"}")]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Post_with_malformed_json_or_no_body_is_a_400_problem(string? json)
    {
        using var response = await PostRawAsync("/api/campaigns", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, (int)(await JsonAsync(response))["status"]!);
    }

    [Fact]
    public async Task Commands_that_do_not_fit_the_campaigns_state_are_409_with_the_reason()
    {
        var draft = await fixture.DraftAsync(await fixture.SuppliersAsync(null, 1));
        var id = draft.GetPrimaryKey();
        Assert.Equal(CommandOutcome.Ok, (await draft.CancelAsync()).Outcome);

        using var launch = await fixture.Writer.PostAsync(new Uri($"/api/campaigns/{id}/launch", UriKind.Relative), null, Cancel);
        using var deadline = await fixture.Writer.PostAsJsonAsync($"/api/campaigns/{id}/deadline", new { deadline = DateTimeOffset.UtcNow.AddDays(30) }, Cancel);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (launch.StatusCode, deadline.StatusCode));
        Assert.Equal("The campaign is cancelled.", (string)(await JsonAsync(launch))["detail"]!);
    }

    [Fact]
    public async Task Deadline_and_added_suppliers_are_checked_before_the_campaign_sees_them()
    {
        var campaign = await fixture.LaunchedAsync(await fixture.SuppliersAsync(null, 1));
        var id = campaign.GetPrimaryKey();
        var added = await fixture.SuppliersAsync(null, 1);

        using var noDeadline = await fixture.Writer.PostAsJsonAsync($"/api/campaigns/{id}/deadline", new { }, Cancel);
        using var earlier = await fixture.Writer.PostAsJsonAsync($"/api/campaigns/{id}/deadline", new { deadline = DateTimeOffset.UtcNow.AddDays(2) }, Cancel);
        using var unknown = await fixture.Writer.PostAsJsonAsync($"/api/campaigns/{id}/suppliers", new { supplierIds = new[] { Guid.NewGuid() } }, Cancel);
        using var known = await fixture.Writer.PostAsJsonAsync($"/api/campaigns/{id}/suppliers", new { supplierIds = new[] { added[0].Id } }, Cancel);

        Assert.Equal(["deadline"], (await FieldErrorsAsync(noDeadline)).Keys);
        Assert.Equal(["deadline"], (await FieldErrorsAsync(earlier)).Keys);
        Assert.Equal(["supplierIds"], (await FieldErrorsAsync(unknown)).Keys);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(2, (int)(await JsonAsync(known))["counts"]!["suppliersTargeted"]!);
    }

    [Fact]
    public async Task Unknown_campaigns_are_404()
    {
        var id = Guid.NewGuid();

        using var get = await fixture.Reader.GetAsync(new Uri($"/api/campaigns/{id}", UriKind.Relative), Cancel);
        using var suppliers = await fixture.Reader.GetAsync(new Uri($"/api/campaigns/{id}/suppliers", UriKind.Relative), Cancel);
        using var launch = await fixture.Writer.PostAsync(new Uri($"/api/campaigns/{id}/launch", UriKind.Relative), null, Cancel);
        using var malformed = await fixture.Reader.GetAsync(new Uri("/api/campaigns/not-a-guid", UriKind.Relative), Cancel);

        Assert.Equal(
            (HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            (get.StatusCode, suppliers.StatusCode, launch.StatusCode, malformed.StatusCode));
    }

    [Fact]
    public async Task A_call_without_an_api_key_is_401_and_a_read_only_key_cannot_write()
    {
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var draft = await fixture.DraftAsync(await fixture.SuppliersAsync(null, 1));
        using var anonymous = fixture.Node.CreateClient();

        using var noKey = await anonymous.GetAsync(new Uri("/api/campaigns", UriKind.Relative), Cancel);
        using var create = await fixture.Reader.PostAsJsonAsync("/api/campaigns", Body(questionnaireId, []), Cancel);
        using var launch = await fixture.Reader.PostAsync(new Uri($"/api/campaigns/{draft.GetPrimaryKey()}/launch", UriKind.Relative), null, Cancel);
        using var read = await fixture.Reader.GetAsync(new Uri($"/api/campaigns/{draft.GetPrimaryKey()}", UriKind.Relative), Cancel);

        Assert.Equal(
            (HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            (noKey.StatusCode, create.StatusCode, launch.StatusCode, read.StatusCode));
        Assert.Equal(CampaignStatus.Draft, (await draft.GetAsync())!.Status);
    }
}
