using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Tests.Suppliers;

public sealed class SupplierInputTests
{
    private static SupplierProfile Profile(
        string name = "Acme Metals",
        string? category = "Castings",
        string? externalId = null,
        params SupplierContact[] contacts) =>
        new(name, category, externalId, SupplierStatus.Active, contacts);

    private static Dictionary<string, string[]> Errors(SupplierProfile profile) =>
        SupplierInput.Validate(SupplierInput.Normalize(profile));

    [Fact]
    public void A_complete_profile_has_no_errors() =>
        Assert.Empty(Errors(Profile(contacts: [new("Ann Lee", "ann@acme.example"), new(null, "orders@acme.example")])));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_name_is_required(string name) =>
        Assert.Equal(["Enter the supplier's name."], Errors(Profile(name))["name"]);

    [Theory]
    [InlineData("=HYPERLINK(1)", "name")]
    [InlineData("+1", "name")]
    [InlineData("@SUM(A1)", "name")]
    [InlineData("\t-2+3", "name")]
    public void A_name_a_spreadsheet_would_run_as_a_formula_is_refused_whatever_the_entry_point(string name, string key) =>
        Assert.StartsWith("The value starts with", Errors(Profile(name))[key].Single(), StringComparison.Ordinal);

    [Theory]
    [InlineData("Acme\0Metals")]
    [InlineData("Acme\r\nMetals")]
    [InlineData("Acme\nMetals")]
    public void A_name_with_a_line_break_or_control_character_is_refused_not_rewritten(string name) =>
        Assert.Equal(["The value has a line break or an invisible control character. Remove it."], Errors(Profile(name))["name"]);

    [Fact]
    public void The_category_external_id_and_contact_names_follow_the_same_rule()
    {
        var errors = Errors(Profile(category: "=cmd", externalId: "-1+1", contacts: [new("@ann", "ann@acme.example")]));

        Assert.Equal(["category", "contacts[0].name", "externalId"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_lone_dash_is_not_a_formula() =>
        Assert.Empty(Errors(Profile(category: "-")));

    [Theory]
    [InlineData(" ", false)]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData(" inactive ", true)]
    public void A_status_of_only_spaces_is_a_mistake_not_active(string? status, bool valid) =>
        Assert.Equal(valid, SupplierInput.TryParseStatus(status, out _));

    [Fact]
    public void The_name_may_have_200_characters_but_not_201()
    {
        Assert.Empty(Errors(Profile(new string('n', 200))));
        Assert.Contains("at most 200", Errors(Profile(new string('n', 201)))["name"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Surrounding_spaces_do_not_count_towards_the_name_length() =>
        Assert.Empty(Errors(Profile("  " + new string('n', 200) + "  ")));

    [Fact]
    public void Category_and_external_id_are_limited_to_100_characters()
    {
        var errors = Errors(Profile(category: new string('c', 101), externalId: new string('e', 101)));
        Assert.Equal(["category", "externalId"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void More_than_20_contacts_are_rejected()
    {
        var contacts = Enumerable.Range(0, 21).Select(i => new SupplierContact(null, $"c{i}@acme.example")).ToArray();
        Assert.Contains("contacts", Errors(Profile(contacts: contacts)).Keys);
        Assert.Empty(Errors(Profile(contacts: contacts[..20])));
    }

    [Fact]
    public void A_contact_without_email_is_rejected_at_its_index() =>
        Assert.Equal(
            ["contacts[1].email"],
            Errors(Profile(contacts: [new("Ann", "ann@acme.example"), new("Bob", " ")])).Keys);

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("bob@")]
    [InlineData("@acme.example")]
    [InlineData("Bob <bob@acme.example>")]
    [InlineData("\"Bob\" <bob@acme.example>")]
    [InlineData("bob@acme.example, eve@evil.example")]
    [InlineData("bob smith@acme.example")]
    public void An_address_that_is_not_a_bare_email_is_rejected(string email) =>
        Assert.Equal(
            ["Enter an email address like name@example.com."],
            Errors(Profile(contacts: [new("Bob", email)]))["contacts[0].email"]);

    [Fact]
    public void An_email_longer_than_254_characters_is_rejected()
    {
        var email = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".example";
        Assert.True(email.Length > 254);
        Assert.Contains("at most 254", Errors(Profile(contacts: [new(null, email)]))["contacts[0].email"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_email_twice_is_rejected_whatever_its_case() =>
        Assert.Equal(
            ["contacts[2].email"],
            Errors(Profile(contacts: [new("A", "ann@acme.example"), new("B", "bob@acme.example"), new("C", "ANN@Acme.example")])).Keys);

    [Fact]
    public void A_contact_name_is_limited_to_200_characters() =>
        Assert.Equal(["contacts[0].name"], Errors(Profile(contacts: [new(new string('x', 201), "x@acme.example")])).Keys);

    [Fact]
    public void An_undefined_status_is_rejected() =>
        Assert.Contains("status", SupplierInput.Validate(Profile() with { Status = (SupplierStatus)7 }).Keys);

    [Fact]
    public void Normalizing_trims_texts_and_turns_blank_optional_texts_into_null()
    {
        var normalized = SupplierInput.Normalize(
            new SupplierProfile("  Acme  ", "  ", " ERP-1 ", SupplierStatus.Inactive, [new("  ", " ann@acme.example ")]));

        Assert.Equal(
            new SupplierProfile("Acme", null, "ERP-1", SupplierStatus.Inactive, [new(null, "ann@acme.example")]),
            normalized);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("inactive", SupplierStatus.Inactive)]
    [InlineData(" Active ", SupplierStatus.Active)]
    public void Status_names_parse_in_any_case_and_empty_means_none(string? value, SupplierStatus? expected)
    {
        Assert.True(SupplierInput.TryParseStatus(value, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Active,Inactive")]
    [InlineData("Dormant")]
    public void Numbers_lists_and_unknown_names_are_not_statuses(string value) =>
        Assert.False(SupplierInput.TryParseStatus(value, out _));

    [Fact]
    public void Page_and_page_size_must_be_in_range()
    {
        var filter = new SupplierFilter(null, null, null);
        Assert.Empty(new SupplierQuery(filter, 1, 200).Validate());
        Assert.Equal(["page", "pageSize"], new SupplierQuery(filter, 0, 201).Validate().Keys.Order(StringComparer.Ordinal));
        Assert.Contains("pageSize", new SupplierQuery(filter, 1, 0).Validate().Keys);
    }

    [Fact]
    public void A_contacts_preferred_language_is_kept_as_its_code_and_one_not_offered_is_dropped()
    {
        var normalized = SupplierInput.Normalize(
            new SupplierProfile("Acme", null, null, SupplierStatus.Active, [new("Ann", "ann@acme.example", Language: " DE "), new("Bo", "bo@acme.example", Language: "it")]));

        Assert.Equal(["de", null], normalized.Contacts.Select(c => c.Language));
    }
}
