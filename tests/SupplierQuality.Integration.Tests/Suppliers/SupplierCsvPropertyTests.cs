using System.Globalization;
using System.Text;
using CsCheck;
using CsvHelper;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Suppliers.Import;

namespace SupplierQuality.Integration.Tests.Suppliers;

/// <summary>
/// The import parser against generated files: whatever the text, it answers with suppliers or with problems that
/// name their line, never an exception; and suppliers written by another CSV writer (CsvHelper) read back equal.
/// </summary>
public sealed class SupplierCsvPropertyTests
{
    private static readonly string[] Headings = ["name", "category", "external_id", "contact_name", "contact_email", "status"];

    /// <summary>Pieces of CSV that break or bend the format, and pieces of good rows.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (6, Gen.OneOf(
            "\"", "\"\"", ",", ";", "\r", "\n", "\r\n", " ", "\t", "\0", "\u0001", "\uFEFF", "\u2028", "=", "+", "-", "@",
            "=SUM(A1)", "+1", "-2", "@x", "=cmd|' /C calc'!A0", "é", "漢字", "😀", "\uFFFD",
            "Acme", "ann@acme.example", "not-an-email", "Active", "inactive", " ", "Unknown")),
        (3, Gen.OneOf(Headings)),
        (3, Gen.String[Gen.Char.AlphaNumeric, 1, 8]),
        (1, Gen.String[Gen.Char[(char)0, (char)0xD7FF], 1, 4]));

    private static readonly Gen<string> LineBreak = Gen.OneOf("\n", "\r\n", "\r");

    /// <summary>A value that suits the column, an empty one, or a piece that bends the format (as often as <paramref name="noise"/> says).</summary>
    private static Gen<string> Cell(string column, int noise) => Gen.Frequency(
        (2, Gen.Const("")),
        (6, column switch
        {
            "contact_email" => Gen.String[Gen.Char.AlphaNumeric, 1, 8].Select(local => $"{local}@acme.example"),
            "status" => Gen.OneOf("Active", "inactive", " ACTIVE "),
            _ => Gen.OneOf(
                Gen.String[Gen.Char.AlphaNumeric, 1, 8],
                Gen.OneOf("\"Acme, Inc.\"", "\"12\"\" pipes\"", "\" padded \"", "Café", "漢字 😀", "x-1", "-", "a@b")),
        }),
        (noise, Piece.List[1, 3].Select(string.Concat)));

    /// <summary>
    /// A file: a header of known columns (in any order, any subset) with rows that mostly suit them, a little or a lot
    /// of noise in the cells; or a junk header and junk rows.
    /// </summary>
    private static readonly Gen<string[]> Columns = Gen.Frequency(
        (4, Gen.Shuffle(Headings[1..], 0, Headings.Length - 1).Select(others =>
            (string[])[.. others.Append("name").Append(others.Contains("contact_name") ? "contact_email" : "name").Distinct()])),
        (1, Gen.Shuffle(Headings, 1, Headings.Length)));

    private static readonly Gen<(bool Bom, string Text)> Files = Gen.Select(
        Gen.OneOf(",", ";"), Columns, Gen.OneOf(0, 0, 1, 4), Gen.Frequency((5, Gen.Const(false)), (1, Gen.Const(true)))).SelectMany(
        (separator, columns, noise, junkHeader) => Gen.Select(
            Gen.Bool,
            junkHeader ? Piece.List[0, 6].Select(string.Concat) : Gen.Const(string.Join(separator, columns)),
            Gen.Select(
                Sequence(columns.Select(c => Cell(c, noise))).Select(cells => string.Join(separator, cells)),
                Gen.Frequency((4, Gen.Const("")), (1, Gen.OneOf(separator, "\"", "=1")), (1, Cell("name", noise).Select(c => separator + c))),
                LineBreak,
                (row, tail, end) => row + tail + end).List[0, 12].Select(string.Concat),
            LineBreak,
            (bom, header, rows, end) => (bom, header + end + rows)));

    /// <summary>One value of each generator, in order.</summary>
    private static Gen<T[]> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, next) => Gen.Select(all, next, (values, value) => (T[])[.. values, value]));

    /// <summary>Physical lines as an editor numbers them: CRLF, LF or a lone CR ends one.</summary>
    private static int LineCount(string text) =>
        1 + text.Replace("\r\n", "\n", StringComparison.Ordinal).Count(c => c is '\n' or '\r');

    private static byte[] Bytes(bool bom, string text) =>
        [.. bom ? Encoding.UTF8.Preamble : [], .. Encoding.UTF8.GetBytes(text)];

    [Fact]
    public void Any_text_gives_valid_suppliers_or_problems_that_name_their_line()
    {
        var (accepted, refused) = (0, 0);
        Files.Sample(
            file =>
            {
                var (bom, text) = file;
                var read = SupplierImportFile.Read(Bytes(bom, text));
                var lines = LineCount(text);

                Assert.All(read.Errors, e => Assert.InRange(e.Line ?? 0, 1, lines));
                Assert.All(read.Suppliers, s => Assert.Empty(SupplierInput.Validate(s.Profile)));
                Assert.All(read.Suppliers, s => Assert.Equal(SupplierInput.Normalize(s.Profile), s.Profile));
                Assert.True(read.Suppliers.Count <= read.Rows);
                var records = SupplierCsv.Records(text, SupplierCsv.SeparatorOf(text)).ToList();
                Assert.All(records, r => Assert.InRange(r.Line, 1, lines));
                Assert.Equal(records.Select(r => r.Line).Order(), records.Select(r => r.Line));
                _ = read.Errors.Count == 0 && read.Suppliers.Count > 0 ? Interlocked.Increment(ref accepted) : Interlocked.Increment(ref refused);
            },
            iter: 3000,
            print: f => $"bom {f.Bom}: {System.Text.Json.JsonSerializer.Serialize(f.Text)}");

        // The generator reaches both answers, not only refusals.
        TestContext.Current.TestOutputHelper?.WriteLine($"{accepted} accepted, {refused} refused");
        Assert.True(accepted > 100 && refused > 100, $"{accepted} accepted, {refused} refused");
    }

    [Fact]
    public void Any_bytes_give_problems_with_lines_or_one_problem_about_the_whole_file()
    {
        var bytes = Gen.Frequency(
            (2, Gen.Byte.Array[0, 300]),
            (1, Gen.Select(Gen.OneOf<byte[]>([0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF], []), Gen.Byte.Array[0, 40], (start, rest) => (byte[])[.. start, .. rest])),
            (2, Files.Select(f => Bytes(f.Bom, f.Text))));

        bytes.Sample(
            data =>
            {
                var read = SupplierImportFile.Read(data);

                if (read.Errors.Any(e => e.Line is null))
                {
                    Assert.Single(read.Errors);
                    Assert.Empty(read.Suppliers);
                }
                else
                {
                    Assert.All(read.Errors, e => Assert.InRange(e.Line!.Value, 1, 1 + data.Count(b => b is (byte)'\n' or (byte)'\r')));
                }
            },
            iter: 3000,
            print: d => Convert.ToHexString(d));
    }

    /// <summary>Valid text for a name, category or contact name: letters first, then anything a person may type but a control character.</summary>
    private static readonly Gen<string> Words = Gen.Select(
        Gen.OneOf(Gen.Char.AlphaNumeric.Select(c => c.ToString()), Gen.OneOf("É", "ø", "漢", "😀", "Ж")),
        Gen.Frequency(
            (6, Gen.Char.AlphaNumeric.Select(c => c.ToString())),
            (3, Gen.OneOf(" ", "\"", ",", ";", "'", "&", ".", "(", ")", "/", "=", "-", "+", "@", "é", "ß", "漢字", "😀", "\u00A0", "\u2028"))).List[0, 30].Select(string.Concat),
        (first, rest) => (first + rest).Trim());

    private sealed record Written(SupplierProfile Profile, bool Repeat, string Padding);

    private static Gen<Written> SupplierGen(int index, bool[] columns)
    {
        var contact = Gen.Select(Gen.Bool, Words, Gen.String[Gen.Char.AlphaNumeric, 1, 10], (named, name, local) => (Named: named, Name: name, Local: local.ToLowerInvariant()));
        return Gen.Select(
            Words,
            Words.Null(),
            Gen.String[Gen.Char.AlphaNumeric, 0, 10].Null(),
            Gen.OneOf(SupplierStatus.Active, SupplierStatus.Inactive),
            contact.Array[0, 3],
            Gen.Bool,
            Gen.OneOf("", " ", "  "),
            (name, category, externalId, status, contacts, repeat, padding) => new Written(
                new SupplierProfile(
                    $"{name} #{index}",
                    columns[1] ? category : null,
                    columns[2] && externalId is not null ? $"X{index}-{externalId}" : null,
                    columns[5] ? status : SupplierStatus.Active,
                    columns[4] ? [.. contacts.Select((c, i) => new SupplierContact(columns[3] && c.Named ? c.Name : null, $"c{i}.{c.Local}@supplier{index}.example"))] : []),
                repeat,
                padding));
    }

    /// <summary>Which columns the file has (name always; contact_name only with contact_email), and the suppliers.</summary>
    private static readonly Gen<(bool[] Columns, Written[] Suppliers)> Directory =
        Gen.Bool.Array[Headings.Length].Select(c => (bool[])[true, c[1], c[2], c[3] && c[4], c[4], c[5]])
            .SelectMany(columns => Gen.Int[1, 12].SelectMany(count => Sequence(Enumerable.Range(0, count).Select(i => SupplierGen(i, columns))))
                .Select(suppliers => (columns, suppliers)));

    /// <summary>How to write the file: separator, line break, quoting, a BOM, blank lines, heading spellings, column order.</summary>
    private sealed record Style(char Separator, string NewLine, CsvQuoting Quoting, bool Bom, bool BlankLines, int Spelling, int[] Order)
    {
        public override string ToString() => $"{Separator} {Quoting} bom {Bom} blank lines {BlankLines} spelling {Spelling} order {string.Join(' ', Order)}";
    }

    private static readonly Gen<Style> Styles = Gen.Select(
        Gen.OneOf(',', ';'),
        Gen.OneOf("\r\n", "\n"),
        Gen.OneOf(CsvQuoting.WhenNeeded, CsvQuoting.Always, CsvQuoting.WhenNeededOrWhitespace),
        Gen.Bool,
        Gen.Bool,
        Gen.Int[0, 3],
        Gen.Shuffle(Enumerable.Range(0, Headings.Length).ToArray()),
        (separator, newLine, quoting, bom, blank, spelling, order) => new Style(separator, newLine, quoting, bom, blank, spelling, order));

    private static string Heading(string name, int spelling) => spelling switch
    {
        1 => name.ToUpperInvariant(),
        2 => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.Replace('_', ' ')),
        3 => name.Replace('_', '-'),
        _ => name,
    };

    private static byte[] Write((bool[] Columns, Written[] Suppliers) file, Style style)
    {
        var options = CsvWriterOptions.Default with
        {
            Separator = style.Separator,
            NewLine = style.NewLine,
            Quoting = style.Quoting,
            WriteByteOrderMark = style.Bom,
        };
        var columns = style.Order.Where(i => file.Columns[i]).ToList();
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, options, leaveOpen: true))
        {
            csv.WriteRecord([.. columns.Select(c => Heading(Headings[c], style.Spelling))]);
            foreach (var written in file.Suppliers)
            {
                var profile = written.Profile;
                SupplierContact?[] contacts = profile.Contacts.Count == 0 ? [null] : [.. profile.Contacts];
                for (var row = 0; row < contacts.Length; row++)
                {
                    // Later rows of a supplier may leave its fields empty; without an external id its name is its key.
                    var full = row == 0 || written.Repeat;
                    string?[] cells =
                    [
                        full || profile.ExternalId is null ? written.Padding + profile.Name : null,
                        full ? profile.Category : null,
                        profile.ExternalId,
                        contacts[row]?.Name,
                        contacts[row]?.Email,
                        full ? (row % 2 == 0 ? profile.Status.ToString().ToUpperInvariant() : profile.Status.ToString().ToLowerInvariant()) : null,
                    ];
                    csv.WriteRecord([.. columns.Select(c => cells[c] ?? string.Empty)]);
                    if (style.BlankLines && row == 0)
                    {
                        csv.Flush();
                        bytes.Write(Encoding.UTF8.GetBytes(style.NewLine));
                    }
                }
            }
        }

        return bytes.ToArray();
    }

    [Fact]
    public void Suppliers_written_by_another_csv_writer_read_back_equal()
    {
        Gen.Select(Directory, Styles)
            // One column with semicolons would read as a comma file: Excel never writes that either.
            .Where((file, style) => style.Separator == ',' || file.Columns.Count(c => c) > 1)
            .Sample(
                (file, style) =>
                {
                    var read = SupplierImportFile.Read(Write(file, style));

                    Assert.Empty(read.Errors);
                    Assert.Equal(file.Suppliers.Select(s => SupplierInput.Normalize(s.Profile)), read.Suppliers.Select(s => s.Profile));
                    Assert.All(read.Suppliers, s => Assert.Equal(file.Columns[5], s.StatusGiven));
                },
                iter: 500,
                print: t => $"{t.Item2}: {Encoding.UTF8.GetString(Write(t.Item1, t.Item2))}");
    }
}
