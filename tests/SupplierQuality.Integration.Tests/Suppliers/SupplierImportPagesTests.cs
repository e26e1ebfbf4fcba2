using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Suppliers;

[Collection(SuppliersNode.Collection)]
public sealed class SupplierImportPagesTests(SuppliersNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A tag no other test uses, for names, external ids and categories.</summary>
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>Posts the upload form as a browser does: multipart, with the antiforgery token of the page.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName = "suppliers.csv")
    {
        var token = await client.GetAntiforgeryTokenAsync("/suppliers/import");
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "Upload", fileName);
        content.Add(new StringContent(token), NodeClientExtensions.AntiforgeryField);
        return await client.PostAsync("/suppliers/import", content, Cancel);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv) => UploadAsync(client, Encoding.UTF8.GetBytes(csv));

    /// <summary>Uploads a file without problems and returns the path of its preview.</summary>
    private static async Task<string> StageAsync(HttpClient client, string csv)
    {
        using var response = await UploadAsync(client, csv);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await HtmlPage.ReadAsync(response)).Text);
        var path = response.RedirectTarget()!;
        Assert.Matches("^/suppliers/import/[0-9a-f-]{36}$", path);
        return path;
    }

    /// <summary>Presses the confirm button of a preview and returns the page it leads to.</summary>
    private static async Task<HtmlPage> ConfirmAsync(HttpClient client, string preview)
    {
        using var response = await client.PostFormAsync(preview + "?handler=Confirm", [], preview);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(preview, response.RedirectTarget());
        return await HtmlPage.GetAsync(client, preview);
    }

    private static async Task<HtmlPage> ImportAsync(HttpClient client, string csv) => await ConfirmAsync(client, await StageAsync(client, csv));

    private async Task<IReadOnlyList<SupplierDirectoryEntry>> InCategoryAsync(string category) =>
        (await fixture.Node.Grains.ListSuppliersAsync(new SupplierQuery(new SupplierFilter(category, null, null)))).Items;

    [Fact]
    public async Task The_preview_lists_every_bad_row_with_its_line_number_and_writes_nothing()
    {
        using var client = await fixture.SignedInManagerAsync();
        var tag = Tag();
        var csv = $"""
            name,category,external_id,contact_name,contact_email
            Good {tag},{tag},,"Ann
            Lee",ann@good.example
            Bad mail {tag},{tag},,,not-an-email
            =1+2,{tag},,,
            ,{tag},,,
            Fine {tag},{tag},ERP-{tag},,fine@fine.example
            """;

        using var response = await UploadAsync(client, csv);

        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Error: Import suppliers · SupplierQuality", page.Title);
        Assert.Contains("Nothing was imported: the file has 4 problems", page.Text, StringComparison.Ordinal);
        Assert.Contains("it cannot be confirmed until every row is right", page.Text, StringComparison.Ordinal);
        Assert.Matches(@"<td>4</td>\s*<td>contact_email</td>\s*<td>Enter an email address like name@example.com.</td>", page.Text);
        Assert.Matches(@"<td>5</td>\s*<td>name</td>\s*<td>The value starts with ""="", so a spreadsheet would run it as a formula", page.Text);
        Assert.Matches(@"<td>6</td>\s*<td>name</td>\s*<td>Enter the supplier's name", page.Text);
        Assert.Matches(@"<td>2</td>\s*<td>contact_name</td>\s*<td>The value has a line break inside its quotes", page.Text);
        Assert.Contains("The file has 5 rows. Of its suppliers without problems, 1 would be created, 0 updated and 0 are unchanged.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Confirm", page.Text, StringComparison.Ordinal);
        Assert.Empty(await InCategoryAsync(tag));
    }

    [Fact]
    public async Task A_good_file_is_only_previewed_until_confirmed_then_created()
    {
        using var client = await fixture.SignedInManagerAsync();
        var tag = Tag();
        var csv = $"""
            external_id,name,category,contact_name,contact_email
            ERP-{tag},Castings {tag},{tag},Ann Lee,ann@castings.example
            ERP-{tag},,,Bob,bob@castings.example
            ,Paint {tag},{tag},,
            """;

        var preview = await StageAsync(client, csv);

        var page = await HtmlPage.GetAsync(client, preview);
        Assert.Equal("Preview import · SupplierQuality", page.Title);
        Assert.Contains("Preview of suppliers.csv", page.Text, StringComparison.Ordinal);
        Assert.Contains("The file has 3 rows for 2 suppliers: 2 to create, 0 to update, 0 unchanged. Nothing is saved yet.", page.Text, StringComparison.Ordinal);
        Assert.Contains("ann@castings.example, bob@castings.example", page.Text, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Import: create 2</button>", page.Text, StringComparison.Ordinal);
        Assert.Empty(await InCategoryAsync(tag));

        var result = await ConfirmAsync(client, preview);

        Assert.Contains("2 created, 0 updated, 0 unchanged.", result.Text, StringComparison.Ordinal);
        Assert.Equal([$"Castings {tag}", $"Paint {tag}"], (await InCategoryAsync(tag)).Select(e => e.Name));
        var castings = await fixture.Node.Grains.GetGrain<ISupplierGrain>(SupplierIds.FromExternalId($"ERP-{tag}")).GetAsync();
        Assert.Equal([new("Ann Lee", "ann@castings.example"), new("Bob", "bob@castings.example")], castings!.Contacts);
    }

    [Fact]
    public async Task Importing_again_updates_by_external_id_instead_of_duplicating_and_then_reports_unchanged()
    {
        using var client = await fixture.SignedInManagerAsync();
        var tag = Tag();
        await ImportAsync(client, $"external_id,name,category,contact_email\nERP-{tag},Bolts {tag},old-{tag},a@bolts.example");
        var changed = $"external_id,name,category,contact_email\nERP-{tag},Bolts {tag},new-{tag},b@bolts.example";

        var preview = await HtmlPage.GetAsync(client, await StageAsync(client, changed));
        Assert.Contains("0 to create, 1 to update, 0 unchanged", preview.Text, StringComparison.Ordinal);
        Assert.Matches(@"<td>category, contacts</td>", preview.Text);
        var result = await ConfirmAsync(client, await StageAsync(client, changed));
        var again = await HtmlPage.GetAsync(client, await StageAsync(client, changed));

        Assert.Contains("0 created, 1 updated, 0 unchanged.", result.Text, StringComparison.Ordinal);
        Assert.Contains("0 to create, 0 to update, 1 unchanged", again.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing to import: every supplier in the file is already saved as the file says.", again.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Confirm", again.Text, StringComparison.Ordinal);
        var supplier = await fixture.Node.Grains.GetGrain<ISupplierGrain>(SupplierIds.FromExternalId($"ERP-{tag}")).GetAsync();
        Assert.Equal((2, $"new-{tag}", "b@bolts.example"), (supplier!.Version, supplier.Category, Assert.Single(supplier.Contacts).Email));
        Assert.Empty(await InCategoryAsync($"old-{tag}"));
        Assert.Single(await InCategoryAsync($"new-{tag}"));
    }

    [Fact]
    public async Task A_row_without_external_id_updates_the_saved_supplier_with_that_name_in_any_case()
    {
        using var client = await fixture.SignedInManagerAsync();
        var tag = Tag();
        var id = Guid.NewGuid();
        await fixture.Node.Grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(
            new SupplierProfile($"Named {tag}", tag, null, SupplierStatus.Inactive, [])));

        var result = await ImportAsync(client, $"name,contact_email\nNAMED {tag},new@named.example");

        Assert.Contains("0 created, 1 updated, 0 unchanged.", result.Text, StringComparison.Ordinal);
        var supplier = await fixture.Node.Grains.GetGrain<ISupplierGrain>(id).GetAsync();
        Assert.Equal(
            ($"NAMED {tag}", tag, SupplierStatus.Inactive, "new@named.example"),
            (supplier!.Name, supplier.Category, supplier.Status, Assert.Single(supplier.Contacts).Email));
        Assert.Single(await InCategoryAsync(tag));
    }

    [Fact]
    public async Task Confirming_twice_imports_once()
    {
        using var client = await fixture.SignedInManagerAsync();
        var tag = Tag();
        var preview = await StageAsync(client, $"name,category\nTwice {tag},{tag}");

        var first = await ConfirmAsync(client, preview);
        var second = await ConfirmAsync(client, preview);

        Assert.Contains("1 created, 0 updated, 0 unchanged.", first.Text, StringComparison.Ordinal);
        Assert.Contains("1 created, 0 updated, 0 unchanged.", second.Text, StringComparison.Ordinal);
        Assert.Single(await InCategoryAsync(tag));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_with_how_to_save_it()
    {
        using var client = await fixture.SignedInManagerAsync();
        var tag = Tag();

        using var response = await UploadAsync(client, Encoding.Latin1.GetBytes($"name,category\nCafé Lumière {tag},{tag}"));

        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The file is not UTF-8: line 2 has the byte 0xE9 (\"é\" in Windows-1252 or Latin-1)", page.Text, StringComparison.Ordinal);
        Assert.Contains("\"CSV UTF-8 (Comma delimited)\"", page.Text, StringComparison.Ordinal);
        Assert.Empty(await InCategoryAsync(tag));
    }

    [Fact]
    public async Task A_file_without_a_name_column_is_refused()
    {
        using var client = await fixture.SignedInManagerAsync();

        using var response = await UploadAsync(client, "company,category\nAcme,Castings");

        var page = await HtmlPage.ReadAsync(response);
        Assert.Contains("Unknown column: \"company\".", page.Text, StringComparison.Ordinal);
        Assert.Contains("The file has no name column.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_without_a_file_asks_for_one()
    {
        using var client = await fixture.SignedInManagerAsync();

        using var response = await client.PostFormAsync("/suppliers/import", []);

        Assert.Contains("Choose the CSV file to import.", (await HtmlPage.ReadAsync(response)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preview_that_is_no_longer_held_says_to_upload_again()
    {
        using var client = await fixture.SignedInManagerAsync();

        using var response = await client.GetAsync($"/suppliers/import/{Guid.NewGuid()}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This import is no longer available", (await HtmlPage.ReadAsync(response)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supplier_list_links_to_the_import()
    {
        using var client = await fixture.SignedInManagerAsync();

        var list = await HtmlPage.GetAsync(client, "/suppliers");

        Assert.Contains("<a href=\"/suppliers/import\">Import suppliers from a CSV file</a>", list.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/suppliers/import")]
    [InlineData("/suppliers/import/0f8fad5b-d9cb-469f-a165-70867728950e")]
    public async Task An_executive_may_not_import(string path)
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        using var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_is_asked_to_sign_in_before_importing()
    {
        using var anonymous = fixture.Node.CreateClient();

        using var response = await anonymous.GetAsync("/suppliers/import", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.RedirectTarget(), StringComparison.Ordinal);
    }
}
