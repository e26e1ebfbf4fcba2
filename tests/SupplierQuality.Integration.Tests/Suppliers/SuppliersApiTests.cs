using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupplierQuality.Integration.Tests.Suppliers;

[Collection(SuppliersNode.Collection)]
public sealed class SuppliersApiTests(SuppliersNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static object Body(
        string name = "Acme Metals",
        string? category = "Castings",
        string? externalId = null,
        object[]? contacts = null,
        int? version = null) =>
        new { name, category, externalId, contacts = contacts ?? [new { name = "Ann Lee", email = "ann@acme.example" }], version };

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;

    /// <summary>The field errors of a 400 validation problem, after checking it is one.</summary>
    private static async Task<Dictionary<string, string[]>> FieldErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        return problem["errors"]!.Deserialize<Dictionary<string, string[]>>()!;
    }

    private async Task<JsonObject> CreateAsync(object body)
    {
        using var response = await fixture.Writer.PostAsJsonAsync("/api/suppliers", body, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await JsonAsync(response);
    }

    private Task<HttpResponseMessage> PostRawAsync(string? json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/suppliers");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return fixture.Writer.SendAsync(request, Cancel);
    }

    [Fact]
    public async Task A_supplier_is_created_read_and_updated()
    {
        using var created = await fixture.Writer.PostAsJsonAsync("/api/suppliers", Body(" Acme Metals "), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var supplier = await JsonAsync(created);
        var id = (string)supplier["id"]!;
        Assert.Equal($"/api/suppliers/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(("Acme Metals", "Active", 1), ((string)supplier["name"]!, (string)supplier["status"]!, (int)supplier["version"]!));

        using var read = await fixture.Reader.GetAsync(created.Headers.Location, Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("ann@acme.example", (string)(await JsonAsync(read))["contacts"]![0]!["email"]!);

        using var updated = await fixture.Writer.PutAsJsonAsync(
            created.Headers.Location,
            new { name = "Acme Castings", category = "Castings", status = "inactive", contacts = Array.Empty<object>(), version = 1 },
            Cancel);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await JsonAsync(updated);
        Assert.Equal(("Acme Castings", "Inactive", 2, 0), ((string)after["name"]!, (string)after["status"]!, (int)after["version"]!, after["contacts"]!.AsArray().Count));
    }

    [Fact]
    public async Task A_contacts_role_phone_and_preferred_language_are_saved_and_read_back()
    {
        var supplier = await CreateAsync(Body(contacts: [new { name = "Ann Lee", email = "ann@acme.example", role = "Quality manager", phone = "+33 1 23 45 67 89", language = "FR" }]));

        var contact = supplier["contacts"]![0]!;
        Assert.Equal(("Quality manager", "+33 1 23 45 67 89", "fr"), ((string)contact["role"]!, (string)contact["phone"]!, (string)contact["language"]!));
    }

    [Fact]
    public async Task A_bad_role_phone_or_language_is_a_400_naming_the_field()
    {
        using var response = await fixture.Writer.PostAsJsonAsync(
            "/api/suppliers",
            Body(contacts: [new { email = "ann@acme.example", role = "@boss", phone = "0800-FLOWERS", language = "xx" }]),
            Cancel);

        var errors = await FieldErrorsAsync(response);
        Assert.Equal(["contacts[0].language", "contacts[0].phone", "contacts[0].role"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("The language \"xx\" is not offered.", errors["contacts[0].language"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Categories_are_added_once_and_listed_for_any_key()
    {
        var name = "Api Category " + Guid.NewGuid().ToString("N")[..8];

        using var created = await fixture.Writer.PostAsJsonAsync("/api/suppliers/categories", new { name }, Cancel);
        using var again = await fixture.Writer.PostAsJsonAsync("/api/suppliers/categories", new { name = name.ToUpperInvariant() }, Cancel);
        using var bad = await fixture.Writer.PostAsJsonAsync("/api/suppliers/categories", new { name = "@x" }, Cancel);
        using var byReader = await fixture.Reader.PostAsJsonAsync("/api/suppliers/categories", new { name }, Cancel);
        using var list = await fixture.Reader.GetAsync("/api/suppliers/categories", Cancel);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Forbidden), (created.StatusCode, again.StatusCode, byReader.StatusCode));
        Assert.StartsWith("The value starts with", (await FieldErrorsAsync(bad))["name"].Single(), StringComparison.Ordinal);
        Assert.Single((await JsonAsync(list))["categories"]!.AsArray(), c => (string)c! == name);
    }

    [Fact]
    public async Task A_new_category_goes_on_the_list_a_listed_one_keeps_its_spelling_and_a_typo_of_one_is_refused()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var category = $"Forgings {tag}";

        var created = await CreateAsync(Body(name: $"Forge {tag}", category: category));
        var again = await CreateAsync(Body(name: $"Forge two {tag}", category: category.ToUpperInvariant()));
        using var typo = await fixture.Writer.PostAsJsonAsync("/api/suppliers", Body(name: $"Forge three {tag}", category: $"Forgngs {tag}"), Cancel);
        using var list = await fixture.Reader.GetAsync("/api/suppliers/categories", Cancel);

        Assert.Equal((category, category), ((string)created["category"]!, (string)again["category"]!));
        Assert.StartsWith($"The category \"Forgngs {tag}\" is not on the list of categories. Did you mean '{category}'?", (await FieldErrorsAsync(typo))["category"].Single(), StringComparison.Ordinal);
        var listed = (await JsonAsync(list))["categories"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Single(listed, c => c.Contains(tag, StringComparison.Ordinal));
        Assert.Contains(category, listed);
    }

    [Fact]
    public async Task Post_with_empty_name_is_rejected_with_a_field_message()
    {
        using var response = await fixture.Writer.PostAsJsonAsync("/api/suppliers", Body(name: "  "), Cancel);

        Assert.Equal(["Enter the supplier's name."], (await FieldErrorsAsync(response))["name"]);
    }

    [Fact]
    public async Task Post_with_a_bad_email_is_rejected_with_a_message_for_that_contact()
    {
        using var response = await fixture.Writer.PostAsJsonAsync(
            "/api/suppliers",
            Body(contacts: [new { name = "Ann", email = "ann@acme.example" }, new { name = "Bob", email = "Bob <bob@acme.example>" }]),
            Cancel);

        Assert.Equal(["contacts[1].email"], (await FieldErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task Post_with_oversized_fields_is_rejected_with_a_message_per_field()
    {
        using var response = await fixture.Writer.PostAsJsonAsync(
            "/api/suppliers",
            Body(new string('n', 201), new string('c', 101), new string('e', 101), [new { name = new string('x', 201), email = "x@acme.example" }]),
            Cancel);

        Assert.Equal(
            ["category", "contacts[0].name", "externalId", "name"],
            (await FieldErrorsAsync(response)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Post_with_an_unknown_status_is_rejected_with_a_field_message()
    {
        using var response = await fixture.Writer.PostAsJsonAsync("/api/suppliers", new { name = "Acme", status = "Dormant" }, Cancel);

        Assert.Equal(["status"], (await FieldErrorsAsync(response)).Keys);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"name\": 5}")]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Post_with_malformed_json_or_no_body_is_a_400_problem(string? json)
    {
        using var response = await PostRawAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, (int)(await JsonAsync(response))["status"]!);
    }

    [Fact]
    public async Task Post_with_malformed_json_says_what_is_wrong()
    {
        using var response = await PostRawAsync("{\"name\": ");
        var problem = await JsonAsync(response);

        Assert.Contains("JSON", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_of_an_unknown_supplier_is_404()
    {
        using var response = await fixture.Reader.GetAsync($"/api/suppliers/{Guid.NewGuid()}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("12345")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950")]
    public async Task A_malformed_id_is_404_not_an_error(string id)
    {
        using var get = await fixture.Reader.GetAsync($"/api/suppliers/{id}", Cancel);
        using var put = await fixture.Writer.PutAsJsonAsync($"/api/suppliers/{id}", Body(version: 1), Cancel);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, put.StatusCode));
    }

    [Fact]
    public async Task Put_of_an_unknown_supplier_is_404()
    {
        using var response = await fixture.Writer.PutAsJsonAsync($"/api/suppliers/{Guid.NewGuid()}", Body(version: 1), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Put_with_a_stale_version_is_409_with_the_current_version()
    {
        var id = (string)(await CreateAsync(Body()))["id"]!;
        using var first = await fixture.Writer.PutAsJsonAsync($"/api/suppliers/{id}", Body("First edit", version: 1), Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var stale = await fixture.Writer.PutAsJsonAsync($"/api/suppliers/{id}", Body("Second edit", version: 1), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, (int)(await JsonAsync(stale))["currentVersion"]!);
    }

    [Fact]
    public async Task Put_without_a_version_is_rejected_with_a_field_message()
    {
        var id = (string)(await CreateAsync(Body()))["id"]!;

        using var response = await fixture.Writer.PutAsJsonAsync($"/api/suppliers/{id}", Body("Renamed"), Cancel);

        Assert.Equal(["version"], (await FieldErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task A_retried_post_with_an_external_id_returns_the_same_supplier()
    {
        var body = Body(externalId: "ERP-" + Guid.NewGuid());

        using var first = await fixture.Writer.PostAsJsonAsync("/api/suppliers", body, Cancel);
        using var retry = await fixture.Writer.PostAsJsonAsync("/api/suppliers", body, Cancel);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        var (a, b) = (await JsonAsync(first), await JsonAsync(retry));
        Assert.Equal(((string)a["id"]!, 1), ((string)b["id"]!, (int)b["version"]!));
    }

    [Fact]
    public async Task A_post_with_a_known_external_id_and_other_details_is_409()
    {
        var externalId = "ERP-" + Guid.NewGuid();
        await CreateAsync(Body(externalId: externalId));

        using var response = await fixture.Writer.PostAsJsonAsync("/api/suppliers", Body("Someone else", externalId: externalId), Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task An_executive_key_reads_but_cannot_write()
    {
        var id = (string)(await CreateAsync(Body()))["id"]!;

        using var post = await fixture.Reader.PostAsJsonAsync("/api/suppliers", Body(), Cancel);
        using var put = await fixture.Reader.PutAsJsonAsync($"/api/suppliers/{id}", Body(version: 1), Cancel);
        using var get = await fixture.Reader.GetAsync($"/api/suppliers/{id}", Cancel);

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            (post.StatusCode, put.StatusCode, get.StatusCode));
    }

    [Fact]
    public async Task A_call_without_an_api_key_is_401()
    {
        using var anonymous = fixture.Node.CreateClient();

        using var response = await anonymous.GetAsync("/api/suppliers", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_list_pages_through_filtered_suppliers_in_name_order()
    {
        var category = "api-" + Guid.NewGuid();
        foreach (var name in new[] { "Echo", "Delta", "Charlie", "Bravo", "Alpha" })
        {
            await CreateAsync(Body(name, category));
        }

        async Task<JsonObject> PageAsync(int page)
        {
            using var response = await fixture.Reader.GetAsync($"/api/suppliers?category={category}&page={page}&pageSize=2", Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await JsonAsync(response);
        }

        var pages = new[] { await PageAsync(1), await PageAsync(2), await PageAsync(3) };

        Assert.All(pages, p => Assert.Equal(5, (int)p["total"]!));
        Assert.Equal(
            ["Alpha", "Bravo", "Charlie", "Delta", "Echo"],
            pages.SelectMany(p => p["items"]!.AsArray()).Select(i => (string)i!["name"]!));
    }

    [Fact]
    public async Task The_list_filters_by_part_of_the_name_and_status()
    {
        var category = "api-" + Guid.NewGuid();
        await CreateAsync(Body("Nordic Steel", category));
        await CreateAsync(new { name = "Steelworks", category, status = "Inactive" });
        await CreateAsync(Body("Plastics", category));

        using var response = await fixture.Reader.GetAsync($"/api/suppliers?category={category}&q=steel&status=active", Cancel);

        Assert.Equal(["Nordic Steel"], (await JsonAsync(response))["items"]!.AsArray().Select(i => (string)i!["name"]!));
    }

    [Theory]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("status=gone", "status")]
    public async Task A_list_request_out_of_range_is_rejected_with_a_field_message(string query, string field)
    {
        using var response = await fixture.Reader.GetAsync($"/api/suppliers?{query}", Cancel);

        Assert.Equal([field], (await FieldErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task A_list_request_with_a_non_numeric_page_is_a_400_problem()
    {
        using var response = await fixture.Reader.GetAsync("/api/suppliers?page=two", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
