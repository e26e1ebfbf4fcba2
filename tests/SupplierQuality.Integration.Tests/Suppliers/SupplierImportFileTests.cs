using System.Text;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Suppliers.Import;

namespace SupplierQuality.Integration.Tests.Suppliers;

public sealed class SupplierImportFileTests
{
    private static SupplierImportFile Read(string text) => SupplierImportFile.Read(Encoding.UTF8.GetBytes(text));

    /// <summary>The problems as "line column: message" lines, the way a person reads the list.</summary>
    private static string[] Problems(SupplierImportFile file) =>
        [.. file.Errors.Select(e => $"{e.Line} {e.Column}: {e.Message}")];

    [Fact]
    public void Columns_match_in_any_order_and_case_and_with_spaces_for_underscores()
    {
        var file = Read("Contact Email,STATUS,External ID,name,Category,contact-name\nann@acme.example,inactive,E1,Acme,Castings,Ann Lee");

        Assert.Empty(file.Errors);
        var supplier = Assert.Single(file.Suppliers);
        Assert.Equal(
            new SupplierProfile("Acme", "Castings", "E1", SupplierStatus.Inactive, [new("Ann Lee", "ann@acme.example")]),
            supplier.Profile);
        Assert.True(supplier.StatusGiven);
    }

    [Fact]
    public void A_contacts_role_phone_and_language_come_from_their_optional_columns()
    {
        var file = Read("""
            name,contact_email,Contact Role,contact-phone,CONTACT_LANGUAGE
            Acme,ann@acme.example,Quality manager,+49 30 1234 5678,DE
            Acme,bob@acme.example,,,
            """);

        Assert.Empty(file.Errors);
        Assert.Equal(
            [new(null, "ann@acme.example", "Quality manager", "+49 30 1234 5678", "de"), new(null, "bob@acme.example")],
            Assert.Single(file.Suppliers).Profile.Contacts);
    }

    [Fact]
    public void A_bad_phone_or_language_is_an_error_on_its_line_and_column()
    {
        var file = Read("""
            name,contact_email,contact_phone,contact_language
            Acme,ann@acme.example,call me,en
            Acme,bob@acme.example,,Klingon
            """);

        Assert.Equal(
        [
            "2 contact_phone: Write the phone number with digits, spaces and + - ( ) . / only, like +49 30 1234 5678.",
            "3 contact_language: The language \"Klingon\" is not offered. Choose one of en (English), de (Deutsch), fr (Français), es (Español), or leave it empty for the campaign's language.",
        ], Problems(file));
    }

    [Fact]
    public void A_contact_column_without_contact_email_is_refused() =>
        Assert.Equal(
            ["1 : The file has a contact_phone column but no contact_email column. Each contact needs an email address."],
            Problems(Read("name,contact_phone\nAcme,030 1234")));

    [Fact]
    public void Unknown_columns_are_named_in_one_error()
    {
        var file = Read("name,Phone,category,Street address\nAcme,1,x,y");

        var error = Assert.Single(file.Errors);
        Assert.Equal(1, error.Line);
        Assert.StartsWith("Unknown columns: \"Phone\", \"Street address\".", error.Message, StringComparison.Ordinal);
        Assert.Empty(file.Suppliers);
    }

    [Fact]
    public void A_file_without_a_name_column_is_refused()
    {
        var file = Read("category,external_id\nCastings,E1");

        Assert.Equal(["1 : The file has no name column. The first line must name the columns, for example: name,category,external_id,contact_name,contact_email,status."], Problems(file));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\nname\nAcme")]
    public void A_file_must_start_with_its_header(string text) =>
        Assert.StartsWith("1 : The first line must name the columns", Assert.Single(Problems(Read(text))), StringComparison.Ordinal);

    [Fact]
    public void Rows_with_the_same_external_id_are_one_supplier_with_several_contacts()
    {
        var file = Read("""
            external_id,name,category,contact_name,contact_email
            E1,Acme,Castings,Ann,ann@acme.example
            E1,,,Bob,bob@acme.example
            E2,Other,,,
            E1,Acme,,,carl@acme.example
            """);

        Assert.Empty(file.Errors);
        Assert.Equal(4, file.Rows);
        Assert.Equal(
            [("E1", 3), ("E2", 0)],
            file.Suppliers.Select(s => (s.Profile.ExternalId, s.Profile.Contacts.Count)));
        Assert.Equal(["ann@acme.example", "bob@acme.example", "carl@acme.example"], file.Suppliers[0].Profile.Contacts.Select(c => c.Email));
    }

    [Fact]
    public void Without_an_external_id_rows_with_the_same_name_in_any_case_are_one_supplier()
    {
        var file = Read("name,contact_email\nAcme Metals,ann@acme.example\nACME METALS,bob@acme.example\nOther,");

        Assert.Empty(file.Errors);
        Assert.Equal([("Acme Metals", 2), ("Other", 0)], file.Suppliers.Select(s => (s.Profile.Name, s.Profile.Contacts.Count)));
    }

    [Fact]
    public void Rows_of_one_supplier_that_disagree_are_errors_on_the_later_row()
    {
        var file = Read("external_id,name,category,status\nE1,Acme,Castings,Active\nE1,Acme,Forgings,\nE1,,,inactive");

        Assert.Equal(
        [
            "3 category: \"Forgings\" differs from \"Castings\" on line 2, a row of the same supplier. Write it the same way on every row, or leave it empty after the first.",
            "4 status: \"Inactive\" differs from \"Active\" on line 2, a row of the same supplier. Write it the same way on every row, or leave it empty after the first.",
        ], Problems(file));
        Assert.Empty(file.Suppliers);
    }

    [Fact]
    public void Each_bad_row_is_listed_with_the_line_it_starts_on()
    {
        var file = Read("""
            name,category,external_id,contact_name,contact_email
            Good,"A category
            on two lines",,,
            ,Castings,,,
            Bad Mail,,,,not-an-email
            "Long",,,Only a name,
            Fine,,E9,,fine@x.example
            """);

        Assert.Equal(
        [
            "2 category: The value has a line break inside its quotes; each value is one line. Remove the line break.",
            "4 name: Enter the supplier's name (or the external_id of a supplier named on another row).",
            "5 contact_email: Enter an email address like name@example.com.",
            "6 contact_email: Enter the contact's email address.",
        ], Problems(file));
        Assert.Equal(5, file.Rows);
        Assert.Equal(["Fine"], file.Suppliers.Select(s => s.Profile.Name));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "=")]
    [InlineData("+1+1", "+")]
    [InlineData("-2+3", "-")]
    [InlineData("@SUM(A1)", "@")]
    [InlineData("  =1+1", "=")]
    public void Formula_like_cells_are_refused(string cell, string start)
    {
        var file = Read($"name,category\nAcme,\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");

        var error = Assert.Single(file.Errors);
        Assert.Equal((2, "category"), (error.Line, error.Column));
        Assert.StartsWith($"The value starts with \"{start}\", so a spreadsheet would run it as a formula", error.Message, StringComparison.Ordinal);
        Assert.Empty(file.Suppliers);
    }

    [Theory]
    [InlineData("\"\t=1+1\"")]
    [InlineData("\"\rAcme\"")]
    public void Cells_starting_with_a_tab_or_carriage_return_are_refused(string cell) =>
        Assert.Contains("starts with a tab or a line break", Assert.Single(Read($"name,category\nAcme,{cell}").Errors).Message, StringComparison.Ordinal);

    [Fact]
    public void A_lone_dash_is_not_a_formula() =>
        Assert.Equal("-", Assert.Single(Read("name,category\nAcme,-").Suppliers).Profile.Category);

    [Fact]
    public void A_supplier_with_more_contacts_than_allowed_is_an_error_on_the_first_contact_too_many()
    {
        var rows = Enumerable.Range(1, SupplierInput.MaxContacts + 2).Select(i => $"E1,Acme,c{i}@acme.example");

        var file = Read("external_id,name,contact_email\n" + string.Join('\n', rows));

        var error = Assert.Single(file.Errors);
        Assert.Equal((SupplierInput.MaxContacts + 2, "contact_email"), (error.Line, error.Column));
        Assert.Contains($"at most {SupplierInput.MaxContacts} contacts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_without_external_id_beside_a_supplier_that_has_one_is_an_error()
    {
        var file = Read("name,external_id,contact_email\nAcme,E1,ann@acme.example\nacme,,bob@acme.example");

        Assert.Equal(["3 external_id: This row has no external_id, but line 2 gives the supplier \"Acme\" the external_id \"E1\". Give every row of a supplier the same external_id."], Problems(file));
    }

    [Fact]
    public void More_values_than_the_header_has_columns_is_an_error()
    {
        var file = Read("name,category\nAcme, Inc,Castings\nOther,x");

        Assert.Equal(["2 : This row has 3 values but the header has 2 columns. A value with a comma in it must be in double quotes."], Problems(file));
    }

    [Fact]
    public void Columns_without_a_heading_may_only_be_empty()
    {
        var file = Read("name,category,,\nAcme,Castings,,\nOther,x,y");

        Assert.Equal(["3 : This row has a value in column 3, which has no heading. Name the column or empty it."], Problems(file));
        Assert.Equal(["Acme"], file.Suppliers.Select(s => s.Profile.Name));
    }

    [Fact]
    public void An_unknown_status_is_an_error_and_an_empty_one_keeps_the_saved()
    {
        var file = Read("name,status\nAcme,Dormant\nOther,");

        Assert.Equal((2, "status"), (Assert.Single(file.Errors).Line, file.Errors[0].Column));
        Assert.False(Assert.Single(file.Suppliers).StatusGiven);
    }

    [Fact]
    public void Fifty_thousand_rows_are_read_and_one_more_is_refused()
    {
        static string File(int rows)
        {
            var text = new StringBuilder("name\n");
            for (var i = 0; i < rows; i++)
            {
                text.Append("Supplier ").Append(i).Append('\n');
            }

            return text.ToString();
        }

        var most = Read(File(SupplierCsv.MaxRows));
        var tooMany = Read(File(SupplierCsv.MaxRows + 1));

        Assert.Equal((SupplierCsv.MaxRows, 0), (most.Suppliers.Count, most.Errors.Count));
        Assert.Equal(
            ["The file has more than 50,000 rows (not counting the header and empty rows). Split it into files of at most 50,000 rows and import them one after the other."],
            tooMany.Errors.Select(e => e.Message));
        Assert.Empty(tooMany.Suppliers);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var file = SupplierImportFile.Read(new byte[SupplierCsv.MaxBytes + 1]);

        Assert.Equal("The file is larger than 20 MB, the most one import takes. Split it into smaller files and import them one after the other.", Assert.Single(file.Errors).Message);
    }
}
