using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Integration.Tests.Suppliers;

[Collection(SuppliersNode.Collection)]
public sealed class SupplierImportApiTests(SuppliersNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, bool dryRun = false, string contentType = "text/csv")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync("/api/suppliers/import" + (dryRun ? "?dryRun=true" : ""), content, Cancel);
    }

    private Task<HttpResponseMessage> PostAsync(string csv, bool dryRun = false) => PostAsync(fixture.Writer, Encoding.UTF8.GetBytes(csv), dryRun);

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The errors of a preview or a problem as "line column: message".</summary>
    private static string[] Errors(JsonObject answer) =>
        [.. answer["errors"]!.AsArray().Select(e => $"{e!["line"]} {e["column"]}: {e["message"]}")];

    private static (int Created, int Updated, int Unchanged) Counts(JsonObject result) =>
        ((int)result["created"]!, (int)result["updated"]!, (int)result["unchanged"]!);

    private async Task<int> CountAsync(string category) =>
        (await fixture.Node.Grains.ListSuppliersAsync(new SupplierQuery(new SupplierFilter(category, null, null)))).Total;

    [Fact]
    public async Task A_dry_run_answers_counts_and_errors_with_line_numbers_and_writes_nothing()
    {
        var tag = Tag();
        var csv = $"""
            external_id,name,category,contact_name,contact_email
            ERP-{tag},Dry {tag},{tag},"Ann
            Lee",ann@dry.example
            ERP-{tag}-2,Bad {tag},{tag},,bad-address
            ERP-{tag}-3,Other {tag},{tag},,
            """;

        using var response = await PostAsync(csv, dryRun: true);

        var preview = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal((3, 1, 1, 0, 0), ((int)preview["rows"]!, (int)preview["suppliers"]!, (int)preview["toCreate"]!, (int)preview["toUpdate"]!, (int)preview["unchanged"]!));
        Assert.Equal(
        [
            "2 contact_name: The value has a line break inside its quotes; each value is one line. Remove the line break.",
            "4 contact_email: Enter an email address like name@example.com.",
        ], Errors(preview));
        var change = preview["changes"]![0]!;
        Assert.Equal(
            (5, "Create", $"ERP-{tag}-3", SupplierIds.FromExternalId($"ERP-{tag}-3").ToString()),
            ((int)change["line"]!, (string)change["action"]!, (string)change["externalId"]!, (string)change["supplierId"]!));
        Assert.Equal(0, await CountAsync(tag));
    }

    [Fact]
    public async Task A_file_names_its_new_categories_before_they_go_on_the_list_and_a_typo_of_a_listed_one_stops_it()
    {
        var tag = Tag();
        var category = $"Coatings {tag}";
        var csv = $"name,category\nCoat {tag},{category}\nCoat two {tag},{category.ToUpperInvariant()}";

        using var dryRun = await PostAsync(csv, dryRun: true);
        var preview = await JsonAsync(dryRun, HttpStatusCode.OK);
        Assert.Equal([$"A new category goes on the list of categories: \"{category}\"."], preview["warnings"]!.AsArray().Select(w => (string)w!["message"]!));
        using var applied = await PostAsync(csv);
        Assert.Equal((2, 0, 0), Counts(await JsonAsync(applied, HttpStatusCode.OK)));
        Assert.Contains(category, await fixture.Node.Grains.GetSupplierCategories().ListAsync());
        Assert.Equal(2, await CountAsync(category));

        using var typo = await PostAsync($"name,category\nCoat three {tag},Coatngs {tag}", dryRun: true);
        Assert.Equal(
            [$"2 category: The category \"Coatngs {tag}\" is not on the list of categories. Did you mean '{category}'? A new category this close to a listed one is taken for a typing mistake: if it is meant, add it at /suppliers/categories first."],
            Errors(await JsonAsync(typo, HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Applying_creates_then_updates_by_external_id_and_a_repeat_changes_nothing()
    {
        var tag = Tag();
        var first = $"external_id,name,category,contact_email\nERP-{tag}-1,One {tag},{tag},a@one.example\nERP-{tag}-2,Two {tag},{tag},";
        var second = $"external_id,name,category,contact_email\nERP-{tag}-1,One {tag},{tag},b@one.example\nERP-{tag}-2,Two {tag},{tag},";

        using var created = await PostAsync(first);
        using var repeated = await PostAsync(first);
        using var updated = await PostAsync(second);

        Assert.Equal((2, 0, 0), Counts(await JsonAsync(created, HttpStatusCode.OK)));
        Assert.Equal((0, 0, 2), Counts(await JsonAsync(repeated, HttpStatusCode.OK)));
        var result = await JsonAsync(updated, HttpStatusCode.OK);
        Assert.Equal((0, 1, 1), Counts(result));
        Assert.Equal(("Applied", 0), ((string)result["status"]!, result["failures"]!.AsArray().Count));
        Assert.Equal(2, await CountAsync(tag));
        var one = await fixture.Node.Grains.GetGrain<ISupplierGrain>(SupplierIds.FromExternalId($"ERP-{tag}-1")).GetAsync();
        Assert.Equal((2, "b@one.example"), (one!.Version, Assert.Single(one.Contacts).Email));
    }

    [Fact]
    public async Task A_new_supplier_without_external_id_gets_its_id_from_its_name_and_a_renamed_one_keeps_its_own()
    {
        var tag = Tag();
        var name = $"Named {tag}";
        var csv = $"name,category\n{name},{tag}";

        using var preview = await PostAsync(csv, dryRun: true);
        using var created = await PostAsync(csv);
        var id = SupplierIds.FromImportedName(name, 1);
        var renamed = await fixture.Node.Grains.GetGrain<ISupplierGrain>(id)
            .UpdateAsync(new UpdateSupplier(1, new SupplierProfile($"Renamed {tag}", tag, null, SupplierStatus.Active, [])));
        using var again = await PostAsync(csv, dryRun: true);

        // The same id from every preview: importing the file again after an interrupted import finds what it saved.
        Assert.Equal(id.ToString(), (string)(await JsonAsync(preview, HttpStatusCode.OK))["changes"]![0]!["supplierId"]!);
        Assert.Equal((1, 0, 0), Counts(await JsonAsync(created, HttpStatusCode.OK)));
        Assert.Equal(CommandOutcome.Ok, renamed.Outcome);
        var change = (await JsonAsync(again, HttpStatusCode.OK))["changes"]![0]!;
        Assert.Equal(("Create", SupplierIds.FromImportedName(name, 2).ToString()), ((string)change["action"]!, (string)change["supplierId"]!));
    }

    [Fact]
    public async Task Applying_a_file_with_a_bad_row_is_a_400_with_the_line_errors_and_writes_nothing()
    {
        var tag = Tag();
        var csv = $"name,category,status\nGood {tag},{tag},Active\n\"Multi\nline {tag}\",{tag},\n@bad {tag},{tag},\nLast {tag},{tag},Dormant";

        using var response = await PostAsync(csv);

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The file has errors.", (string)problem["title"]!);
        Assert.Equal(
        [
            "3 name: The value has a line break inside its quotes; each value is one line. Remove the line break.",
            "5 name: The value starts with \"@\", so a spreadsheet would run it as a formula when the list is opened later. Remove the \"@\".",
            "6 status: The status \"Dormant\" is unknown. Write Active or Inactive, or leave it empty to keep the saved status (Active for a new supplier).",
        ], Errors(problem));
        Assert.Equal(0, await CountAsync(tag));
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_refused_with_the_line_of_the_first_bad_byte()
    {
        var tag = Tag();

        using var response = await PostAsync(fixture.Writer, Encoding.Latin1.GetBytes($"name,category\nGood {tag},{tag}\nSociété {tag},{tag}"));

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(Errors(problem));
        Assert.StartsWith("3 : The file is not UTF-8: line 3 has the byte 0xE9", error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(tag));
    }

    [Fact]
    public async Task More_than_fifty_thousand_rows_are_refused_and_nothing_is_written()
    {
        var tag = Tag();
        var csv = new StringBuilder("name,category\n");
        for (var i = 0; i <= 50_000; i++)
        {
            csv.Append("Row ").Append(i).Append(' ').Append(tag).Append(',').Append(tag).Append('\n');
        }

        using var response = await PostAsync(csv.ToString());

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            [" : The file has more than 50,000 rows (not counting the header and empty rows). Split it into files of at most 50,000 rows and import them one after the other."],
            Errors(problem));
        Assert.Equal(0, await CountAsync(tag));
    }

    [Fact]
    public async Task A_file_without_a_name_column_is_a_400()
    {
        using var response = await PostAsync("category,contact_email\nCastings,a@b.example");

        Assert.StartsWith("1 : The file has no name column.", Assert.Single(Errors(await JsonAsync(response, HttpStatusCode.BadRequest))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("text/csv; charset=iso-8859-1")]
    public async Task A_body_that_is_not_utf8_csv_is_415(string contentType)
    {
        using var response = await PostAsync(fixture.Writer, Encoding.UTF8.GetBytes("name\nAcme"), contentType: contentType);

        var problem = await JsonAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("text/csv", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413()
    {
        var body = new byte[(20 * 1024 * 1024) + 1];
        body.AsSpan().Fill((byte)'a');

        using var response = await PostAsync(fixture.Writer, body, dryRun: true);

        var problem = await JsonAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.StartsWith("The file is larger than 20 MB", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_needs_a_key_that_may_write()
    {
        using var anonymous = fixture.Node.CreateClient();
        var csv = Encoding.UTF8.GetBytes("name\nNobody");

        using var withoutKey = await PostAsync(anonymous, csv, dryRun: true);
        using var executive = await PostAsync(fixture.Reader, csv, dryRun: true);
        using var follow = await fixture.Reader.GetAsync($"/api/suppliers/import/{Guid.NewGuid()}", Cancel);

        Assert.Equal(
            (HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            (withoutKey.StatusCode, executive.StatusCode, follow.StatusCode));
    }

    [Fact]
    public async Task An_unknown_import_is_404()
    {
        using var response = await fixture.Writer.GetAsync($"/api/suppliers/import/{Guid.NewGuid()}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_cookie_of_a_signed_in_manager_does_not_open_the_api()
    {
        using var browser = await fixture.SignedInManagerAsync();
        var tag = Tag();

        using var response = await PostAsync(browser, Encoding.UTF8.GetBytes($"name,category\nVia cookie,{tag}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CountAsync(tag));
    }
}
