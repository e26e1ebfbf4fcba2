using System.Net;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Suppliers;

[Collection(SuppliersNode.Collection)]
public sealed class SupplierPagesTests(SuppliersNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static SupplierProfile ToProfile(SupplierDetails supplier) =>
        new(supplier.Name, supplier.Category, supplier.ExternalId, supplier.Status, supplier.Contacts);

    [Fact]
    public async Task A_quality_manager_adds_a_supplier_through_the_form_and_finds_it_in_the_list()
    {
        using var client = await fixture.SignedInManagerAsync();
        await fixture.Node.Grains.GetSupplierCategories().AddAsync("Fasteners");
        var name = "Form Supplier " + Guid.NewGuid().ToString("N")[..8];

        using var posted = await client.PostFormAsync("/suppliers/new", new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.Category"] = "Fasteners",
            ["Form.Status"] = "Active",
            ["Form.Contacts[0].Name"] = "",
            ["Form.Contacts[0].Email"] = "",
            ["Form.Contacts[1].Name"] = "Ann Lee",
            ["Form.Contacts[1].Email"] = "ann@fasteners.example",
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var details = await HtmlPage.GetAsync(client, posted.RedirectTarget()!);
        Assert.Contains($"<p class=\"notice\" role=\"status\">Supplier {name} added.</p>", details.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("added.", (await HtmlPage.GetAsync(client, posted.RedirectTarget()!)).Text, StringComparison.Ordinal);
        Assert.Contains(name, details.Text, StringComparison.Ordinal);
        Assert.Contains("ann@fasteners.example", details.Text, StringComparison.Ordinal);
        var list = await HtmlPage.GetAsync(client, $"/suppliers?q={Uri.EscapeDataString(name)}");
        Assert.Contains($">{name}</a>", list.Text, StringComparison.Ordinal);
        Assert.Contains("1 supplier match", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_form_shows_messages_next_to_fields_and_keeps_the_typed_values()
    {
        using var client = await fixture.SignedInManagerAsync();
        await fixture.Node.Grains.GetSupplierCategories().AddAsync("Fasteners");

        using var posted = await client.PostFormAsync("/suppliers/new", new Dictionary<string, string>
        {
            ["Form.Name"] = "",
            ["Form.Category"] = "Fastners",
            ["Form.Contacts[0].Name"] = "Ann Lee",
            ["Form.Contacts[0].Email"] = "ann@fasteners.example",
            ["Form.Contacts[1].Name"] = "",
            ["Form.Contacts[1].Email"] = "",
            ["Form.Contacts[2].Name"] = "Bob",
            ["Form.Contacts[2].Email"] = "bob-at-example",
        });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await HtmlPage.ReadAsync(posted);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_Name\">Enter the supplier's name.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_Contacts_2__Email\">Enter an email address like name@example.com.</a>", page.Text, StringComparison.Ordinal);
        Assert.Matches("id=\"Form_Contacts_2__Email-error\"[^>]*>Enter an email address", page.Text);
        Assert.True(page.IsMarkedInvalid("Form_Name"), page.Control("Form_Name"));
        Assert.True(page.IsMarkedInvalid("Form_Contacts_2__Email"), page.Control("Form_Contacts_2__Email"));
        Assert.False(page.IsMarkedInvalid("Form_Contacts_0__Email"), page.Control("Form_Contacts_0__Email"));
        Assert.True(
            page.Text.IndexOf("href=\"#Form_Name\"", StringComparison.Ordinal) < page.Text.IndexOf("href=\"#Form_Contacts_2__Email\"", StringComparison.Ordinal),
            "The summary lists the errors in the order of the form.");
        Assert.Equal("Fastners", page.SelectedValue("Form_Category"));
        Assert.Contains("<a href=\"#Form_Category\">The category \"Fastners\" is not on the list of categories. Did you mean 'Fasteners'?", page.Text, StringComparison.Ordinal);
        Assert.Equal("bob-at-example", page.ValueOf("Form_Contacts_2__Email"));
        Assert.Equal("ann@fasteners.example", page.ValueOf("Form_Contacts_0__Email"));
    }

    [Fact]
    public async Task A_contacts_role_phone_and_language_are_entered_in_the_form_and_shown_on_the_supplier_page()
    {
        using var client = await fixture.SignedInManagerAsync();
        var form = await HtmlPage.GetAsync(client, "/suppliers/new");
        Assert.Contains("<option value=\"\">Campaign's language</option>", form.Text, StringComparison.Ordinal);
        Assert.Contains("<option value=\"de\" lang=\"de\">Deutsch</option>", form.Text, StringComparison.Ordinal);

        using var posted = await client.PostFormAsync("/suppliers/new", new Dictionary<string, string>
        {
            ["Form.Name"] = "Contact Fields " + Guid.NewGuid().ToString("N")[..8],
            ["Form.Status"] = "Active",
            ["Form.Contacts[0].Name"] = "Ann Lee",
            ["Form.Contacts[0].Email"] = "ann@fields.example",
            ["Form.Contacts[0].Role"] = "Head of quality",
            ["Form.Contacts[0].Phone"] = "+49 30 1234 5678",
            ["Form.Contacts[0].Language"] = "de",
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var details = await HtmlPage.GetAsync(client, posted.RedirectTarget()!);
        Assert.Contains("<td>Head of quality</td>", details.Text, StringComparison.Ordinal);
        Assert.Contains("<td>+49 30 1234 5678</td>", details.Text, StringComparison.Ordinal);
        Assert.Contains("<td>Deutsch</td>", details.Text, StringComparison.Ordinal);
        var edit = await HtmlPage.GetAsync(client, posted.RedirectTarget()! + "/edit");
        Assert.Equal(("Head of quality", "de"), (edit.ValueOf("Form_Contacts_0__Role"), edit.SelectedValue("Form_Contacts_0__Language")));
    }

    [Fact]
    public async Task A_bad_phone_is_shown_next_to_its_field()
    {
        using var client = await fixture.SignedInManagerAsync();

        using var posted = await client.PostFormAsync("/suppliers/new", new Dictionary<string, string>
        {
            ["Form.Name"] = "Bad Phone",
            ["Form.Contacts[0].Email"] = "ann@phone.example",
            ["Form.Contacts[0].Phone"] = "ask reception",
        });

        var page = await HtmlPage.ReadAsync(posted);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("<a href=\"#Form_Contacts_0__Phone\">Write the phone number with digits", page.Text, StringComparison.Ordinal);
        Assert.True(page.IsMarkedInvalid("Form_Contacts_0__Phone"), page.Control("Form_Contacts_0__Phone"));
        Assert.Equal("ask reception", page.ValueOf("Form_Contacts_0__Phone"));
    }

    [Fact]
    public async Task A_new_form_has_one_contact_row_and_add_another_contact_keeps_what_was_typed_without_messages()
    {
        using var client = await fixture.SignedInManagerAsync();
        var form = await HtmlPage.GetAsync(client, "/suppliers/new");
        Assert.Equal(1, ContactRows(form));
        Assert.Contains("formaction=\"/suppliers/new?handler=AddContact\"", form.Text, StringComparison.Ordinal);

        using var added = await client.PostFormAsync("/suppliers/new?handler=AddContact", new Dictionary<string, string>
        {
            ["Form.Name"] = "",
            ["Form.Category"] = "",
            ["Form.Contacts[0].Name"] = "Ann",
            ["Form.Contacts[0].Email"] = "not-yet-an-address",
            ["Form.Contacts[0].Language"] = "fr",
        });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var page = await HtmlPage.ReadAsync(added);
        Assert.DoesNotContain("Error: ", page.Title, StringComparison.Ordinal);
        Assert.False(page.IsMarkedInvalid("Form_Contacts_0__Email"));
        Assert.Equal(2, ContactRows(page));
        Assert.Equal(("Ann", "not-yet-an-address", "fr"), (page.ValueOf("Form_Contacts_0__Name"), page.ValueOf("Form_Contacts_0__Email"), page.SelectedValue("Form_Contacts_0__Language")));
        Assert.Equal(string.Empty, page.ValueOf("Form_Contacts_1__Email"));
    }

    [Fact]
    public async Task Remove_takes_out_that_contact_row_and_keeps_the_others()
    {
        using var client = await fixture.SignedInManagerAsync();

        using var removed = await client.PostFormAsync("/suppliers/new?handler=RemoveContact", new Dictionary<string, string>
        {
            ["Form.Name"] = "Removing",
            ["Form.Contacts[0].Email"] = "ann@remove.example",
            ["Form.Contacts[1].Email"] = "bob@remove.example",
            ["Form.Contacts[2].Email"] = "cy@remove.example",
            ["remove"] = "1",
        });

        var page = await HtmlPage.ReadAsync(removed);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(2, ContactRows(page));
        Assert.Equal(("ann@remove.example", "cy@remove.example"), (page.ValueOf("Form_Contacts_0__Email"), page.ValueOf("Form_Contacts_1__Email")));
        Assert.Contains("Remove contact 2</button>", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_edit_form_shows_the_contacts_and_one_blank_row_and_adds_rows_on_its_own_address()
    {
        using var client = await fixture.SignedInManagerAsync();
        var id = Guid.NewGuid();
        await fixture.Node.Grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(
            new SupplierProfile("Rows Ltd", null, null, SupplierStatus.Active, [new("Ann", "ann@rows.example"), new("Bob", "bob@rows.example")])));

        var form = await HtmlPage.GetAsync(client, $"/suppliers/{id}/edit");
        Assert.Equal(3, ContactRows(form));
        Assert.Equal(string.Empty, form.ValueOf("Form_Contacts_2__Email"));

        using var added = await client.PostFormAsync($"/suppliers/{id}/edit?handler=AddContact", new Dictionary<string, string>
        {
            ["Form.Name"] = "Rows Ltd",
            ["Form.Version"] = "1",
            ["Form.Contacts[0].Email"] = "ann@rows.example",
            ["Form.Contacts[1].Email"] = "bob@rows.example",
            ["Form.Contacts[2].Email"] = "",
        });

        var page = await HtmlPage.ReadAsync(added);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(4, ContactRows(page));
        Assert.Contains($"formaction=\"/suppliers/{id}/edit?handler=AddContact\"", page.Text, StringComparison.Ordinal);
        Assert.Equal(1, (await fixture.Node.Grains.GetGrain<ISupplierGrain>(id).GetAsync())!.Version);
    }

    [Fact]
    public async Task There_is_no_add_button_at_the_most_contacts_a_supplier_may_have()
    {
        using var client = await fixture.SignedInManagerAsync();
        var fields = new Dictionary<string, string> { ["Form.Name"] = "Full" };
        for (var i = 0; i < SupplierInput.MaxContacts - 1; i++)
        {
            fields[$"Form.Contacts[{i}].Email"] = $"c{i}@full.example";
        }

        using var added = await client.PostFormAsync("/suppliers/new?handler=AddContact", fields);

        var page = await HtmlPage.ReadAsync(added);
        Assert.Equal(SupplierInput.MaxContacts, ContactRows(page));
        Assert.DoesNotContain("Add another contact", page.Text, StringComparison.Ordinal);
    }

    private static int ContactRows(HtmlPage page) =>
        System.Text.RegularExpressions.Regex.Count(page.Text, "id=\"Form_Contacts_\\d+__Email\"");

    [Fact]
    public async Task A_quality_manager_adds_renames_and_removes_categories_and_a_used_one_stays()
    {
        using var client = await fixture.SignedInManagerAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = Guid.NewGuid();

        using var added = await client.PostFormAsync("/suppliers/categories?handler=Add", [new("Name", $"Castngs {tag}")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await fixture.Node.Grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(
            new SupplierProfile("Cat Page " + tag, $"Castngs {tag}", null, SupplierStatus.Active, [])));

        using var refused = await client.PostFormAsync("/suppliers/categories?handler=Remove", [new("name", $"Castngs {tag}")]);
        var refusedPage = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"1 supplier is in the category \"Castngs {tag}\".", refusedPage.Text, StringComparison.Ordinal);

        using var renamed = await client.PostFormAsync("/suppliers/categories?handler=Rename", [new("from", $"Castngs {tag}"), new("to", $"Castings {tag}")]);
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var list = await HtmlPage.GetAsync(client, "/suppliers/categories");
        Assert.Contains($"Category Castngs {tag} renamed to Castings {tag}; its suppliers moved with it.", list.Text, StringComparison.Ordinal);
        Assert.Contains($">Castings {tag}</a>", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($">Castngs {tag}</a>", list.Text, StringComparison.Ordinal);
        Assert.Equal($"Castings {tag}", (await fixture.Node.Grains.GetGrain<ISupplierGrain>(id).GetAsync())!.Category);
        var form = await HtmlPage.GetAsync(client, $"/suppliers/{id}/edit");
        Assert.Equal($"Castings {tag}", form.SelectedValue("Form_Category"));
    }

    [Fact]
    public async Task Saving_over_someone_elses_change_shows_what_they_saved()
    {
        using var client = await fixture.SignedInManagerAsync();
        var id = Guid.NewGuid();
        var supplier = fixture.Node.Grains.GetGrain<ISupplierGrain>(id);
        var profile = new SupplierProfile("Original", null, null, SupplierStatus.Active, []);
        await supplier.CreateAsync(new CreateSupplier(profile));
        var form = await HtmlPage.GetAsync(client, $"/suppliers/{id}/edit");
        Assert.Equal("1", form.ValueOf("Form_Version"));
        await supplier.UpdateAsync(new UpdateSupplier(1, profile with { Name = "Their change" }));

        using var posted = await client.PostFormAsync($"/suppliers/{id}/edit", new Dictionary<string, string>
        {
            ["Form.Name"] = "My change",
            ["Form.Status"] = "Active",
            ["Form.Version"] = "1",
        });

        var page = await HtmlPage.ReadAsync(posted);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("<a href=\"#conflict-title\">Someone else saved this supplier", page.Text, StringComparison.Ordinal);
        Assert.Contains("<dd>Their change</dd>", page.Text, StringComparison.Ordinal);
        Assert.Equal(("My change", "2"), (page.ValueOf("Form_Name"), page.ValueOf("Form_Version")));
        Assert.Equal("Their change", (await supplier.GetAsync())!.Name);
    }

    [Fact]
    public async Task An_edit_saves_and_shows_the_new_details()
    {
        using var client = await fixture.SignedInManagerAsync();
        var id = Guid.NewGuid();
        await fixture.Node.Grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(
            new SupplierProfile("Before", "Paint", null, SupplierStatus.Active, [new("Ann", "ann@paint.example")])));
        await fixture.Node.Grains.GetSupplierCategories().AddAsync("Paint");
        var form = await HtmlPage.GetAsync(client, $"/suppliers/{id}/edit");
        Assert.Equal("ann@paint.example", form.ValueOf("Form_Contacts_0__Email"));

        using var posted = await client.PostFormAsync($"/suppliers/{id}/edit", new Dictionary<string, string>
        {
            ["Form.Name"] = "After",
            ["Form.Category"] = "Paint",
            ["Form.Status"] = "Inactive",
            ["Form.Version"] = "1",
            ["Form.Contacts[0].Name"] = "Ann",
            ["Form.Contacts[0].Email"] = "ann@paint.example",
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var details = await HtmlPage.GetAsync(client, posted.RedirectTarget()!);
        Assert.Contains("Changes saved.", details.Text, StringComparison.Ordinal);
        Assert.Contains("<h1>After</h1>", details.Text, StringComparison.Ordinal);
        Assert.Contains("<dd>Inactive</dd>", details.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivate_and_reactivate_change_only_the_status()
    {
        using var client = await fixture.SignedInManagerAsync();
        var id = Guid.NewGuid();
        var supplier = fixture.Node.Grains.GetGrain<ISupplierGrain>(id);
        var profile = new SupplierProfile("Switch Ltd", "Valves", null, SupplierStatus.Active, [new("Ann", "ann@switch.example")]);
        await supplier.CreateAsync(new CreateSupplier(profile));
        var details = $"/suppliers/{id}";
        Assert.Contains("Deactivate supplier</button>", (await HtmlPage.GetAsync(client, details)).Text, StringComparison.Ordinal);

        async Task<HtmlPage> SetStatusAsync(string status)
        {
            using var posted = await client.PostFormAsync($"{details}?handler=Status", [new("status", status)]);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.Equal(details, posted.RedirectTarget());
            return await HtmlPage.GetAsync(client, details);
        }

        var deactivated = await SetStatusAsync("Inactive");
        Assert.Contains("Switch Ltd is now inactive: it is left out of new campaigns.", deactivated.Text, StringComparison.Ordinal);
        Assert.Contains("<dd>Inactive</dd>", deactivated.Text, StringComparison.Ordinal);
        Assert.Contains("Reactivate supplier</button>", deactivated.Text, StringComparison.Ordinal);
        Assert.Equal(profile with { Status = SupplierStatus.Inactive }, ToProfile((await supplier.GetAsync())!));

        var again = await SetStatusAsync("Inactive");
        Assert.Contains("Switch Ltd is already inactive.", again.Text, StringComparison.Ordinal);
        Assert.Equal(2, (await supplier.GetAsync())!.Version);

        var reactivated = await SetStatusAsync("Active");
        Assert.Contains("Switch Ltd is active again", reactivated.Text, StringComparison.Ordinal);
        Assert.Contains("<dd>Active</dd>", reactivated.Text, StringComparison.Ordinal);
        var after = (await supplier.GetAsync())!;
        Assert.Equal((profile, 3), (ToProfile(after), after.Version));
    }

    [Fact]
    public async Task A_status_change_needs_a_known_status_and_an_existing_supplier()
    {
        using var client = await fixture.SignedInManagerAsync();
        var id = Guid.NewGuid();
        await fixture.Node.Grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(
            new SupplierProfile("Status Check", null, null, SupplierStatus.Active, [])));

        using var unknown = await client.PostFormAsync($"/suppliers/{id}?handler=Status", [new("status", "Dormant")], $"/suppliers/{id}");
        using var missing = await client.PostFormAsync($"/suppliers/{Guid.NewGuid()}?handler=Status", [new("status", "Inactive")], $"/suppliers/{id}");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (unknown.StatusCode, missing.StatusCode));
    }

    [Fact]
    public async Task The_list_pages_with_links_that_keep_the_filter()
    {
        using var client = await fixture.SignedInManagerAsync();
        var category = "pages-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 51; i++)
        {
            await fixture.Node.Grains.GetGrain<ISupplierGrain>(Guid.NewGuid()).CreateAsync(new CreateSupplier(
                new SupplierProfile($"Paged {i:D2}", category, null, SupplierStatus.Active, [])));
        }

        var first = await HtmlPage.GetAsync(client, $"/suppliers?category={category}");
        Assert.Contains("51 suppliers match", first.Text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 2", first.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/suppliers?pageNumber=2&category={category}\"", first.Text, StringComparison.Ordinal);

        var second = await HtmlPage.GetAsync(client, $"/suppliers?pageNumber=2&category={category}");
        Assert.Contains(">Paged 50</a>", second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(">Paged 49</a>", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_supplier_page_is_404()
    {
        using var client = await fixture.SignedInManagerAsync();

        using var details = await client.GetAsync($"/suppliers/{Guid.NewGuid()}", Cancel);
        using var edit = await client.GetAsync($"/suppliers/{Guid.NewGuid()}/edit", Cancel);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (details.StatusCode, edit.StatusCode));
    }

    [Fact]
    public async Task Supplier_pages_ask_a_visitor_to_sign_in()
    {
        using var anonymous = fixture.Node.CreateClient();

        using var response = await anonymous.GetAsync("/suppliers", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.RedirectTarget(), StringComparison.Ordinal);
    }
}
