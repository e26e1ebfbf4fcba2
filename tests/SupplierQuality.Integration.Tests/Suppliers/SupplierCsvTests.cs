using System.Text;
using SupplierQuality.Web.Suppliers.Import;

namespace SupplierQuality.Integration.Tests.Suppliers;

public sealed class SupplierCsvTests
{
    private static List<CsvRecord> Records(string text) => [.. SupplierCsv.Records(text, SupplierCsv.SeparatorOf(text))];

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var records = Records("name,category\r\n\"Acme, Inc.\",\"12\"\" pipes\"\r\n\"Two\nlines\",x\r\n");

        Assert.Equal(
            [["name", "category"], ["Acme, Inc.", "12\" pipes"], ["Two\nlines", "x"]],
            records.Select(r => r.Fields.ToArray()));
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void A_record_after_a_multi_line_value_starts_on_its_physical_line()
    {
        var records = Records("name,category\n\"Line two\nline three\r\nline four\",x\nline five,y\n\n\"seven\",z");

        Assert.Equal([1, 2, 5, 6, 7], records.Select(r => r.Line));
        Assert.True(records[3].IsBlank);
    }

    [Theory]
    [InlineData("a,b\nc,d")]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\rc,d\r")]
    public void Lf_crlf_and_cr_all_end_a_record(string text) =>
        Assert.Equal([["a", "b"], ["c", "d"]], Records(text).Select(r => r.Fields.ToArray()));

    [Fact]
    public void Empty_values_are_kept_in_place()
    {
        var record = Assert.Single(Records("a,,\"\",d,"));

        Assert.Equal(["a", "", "", "d", ""], record.Fields);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_on_the_line_it_opens_and_ends_the_file()
    {
        var records = Records("name\nfine\n\"never closed\nname\nmore");

        Assert.Equal(3, records.Count);
        Assert.Equal(3, records[2].Line);
        Assert.Contains("never closed", records[2].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12\" pipes,x")]
    [InlineData("\"quoted\" tail,x")]
    public void A_stray_quote_is_an_error_of_its_record_only(string row)
    {
        var records = Records($"name,category\n{row}\nnext,y");

        Assert.Equal(0, records[1].ErrorField);
        Assert.NotNull(records[1].Error);
        Assert.Equal(["next", "y"], records[2].Fields);
        Assert.Null(records[2].Error);
    }

    [Theory]
    [InlineData("name;category\nAcme, Inc.;Castings", ';')]
    [InlineData("name,category\nAcme;Inc,Castings", ',')]
    [InlineData("name\nAcme;Inc", ',')]
    public void Semicolons_separate_only_when_the_header_has_no_comma(string text, char separator) =>
        Assert.Equal(separator, SupplierCsv.SeparatorOf(text));

    [Fact]
    public void Utf8_with_or_without_a_byte_order_mark_decodes()
    {
        byte[] plain = Encoding.UTF8.GetBytes("name\nCafé Lumière");

        Assert.Null(SupplierCsv.Decode([0xEF, 0xBB, 0xBF, .. plain], out var withBom));
        Assert.Null(SupplierCsv.Decode(plain, out var withoutBom));
        Assert.Equal(("name\nCafé Lumière", "name\nCafé Lumière"), (withBom, withoutBom));
    }

    [Fact]
    public void Latin1_bytes_are_refused_with_the_line_of_the_first()
    {
        var problem = SupplierCsv.Decode(Encoding.Latin1.GetBytes("name\nAcme\nCafé Lumière\nMore é"), out _);

        Assert.NotNull(problem);
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("The file is not UTF-8: line 3 has the byte 0xE9 (\"é\" in Windows-1252 or Latin-1)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_is_refused_by_name()
    {
        var problem = SupplierCsv.Decode(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("name\nAcme")).ToArray(), out _);

        Assert.Contains("UTF-16", problem?.Message, StringComparison.Ordinal);
    }
}
