using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Reviews;

[Collection(ReviewsNode.Collection)]
public sealed class ReviewExportTests(CampaignsNode fixture)
{
    private const string FormulaNote = "=HYPERLINK(\"http://evil.test\",\"Click\")";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A CSV file as its header and rows of strings, read with CsvHelper.</summary>
    private static (IReadOnlyList<string> Header, List<string[]> Rows) Parse(Stream csv)
    {
        using var reader = CsvReader.Create(csv, CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: true);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? string.Empty)]);
        }

        return (reader.Headers, rows);
    }

    /// <summary>
    /// The text the pages draw, read back the way a PDF reader does: every string shown by a text operator of each
    /// page's content, one page a string (PDFsharp writes names in the fonts' own encoding, which for these ASCII names
    /// is the text itself), and the bookmarks' titles.
    /// </summary>
    private static (List<string> Pages, List<string> Bookmarks) ReadPdf(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var pages = new List<string>();
        foreach (var page in document.Pages)
        {
            var text = new StringBuilder();
            Collect(ContentReader.ReadContent(page), text);
            pages.Add(text.ToString());
        }

        return (pages, [.. document.Outlines.Select(o => o.Title)]);
    }

    private static void Collect(CObject content, StringBuilder text)
    {
        switch (content)
        {
            case COperator { OpCode.Name: "Tj" or "TJ" or "'" or "\"" } show:
                foreach (var operand in show.Operands)
                {
                    Collect(operand, text);
                }

                text.Append('\n');
                break;
            case CSequence sequence:
                foreach (var item in sequence)
                {
                    Collect(item, text);
                }

                break;
            case CString value:
                text.Append(value.Value);
                break;
        }
    }

    /// <summary>A review of three suppliers, the worst with a decision whose note looks like a spreadsheet formula.</summary>
    private async Task<(Guid Id, SeededRanking Ranking, HttpClient Executive)> DecidedReviewAsync()
    {
        var ranking = await ReviewsNode.RankedAsync(fixture, 88, 72, 45);
        var executive = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);
        var id = await ReviewsNode.ReviewAsync(executive, ranking, "Export review " + Guid.NewGuid().ToString("N")[..6]);
        using var decided = await ReviewsNode.DecideAsync(executive, id, ranking.Suppliers[2].Id, "Phase out", "Ana", ReviewsNode.Due(90), FormulaNote);
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        return (id, ranking, executive);
    }

    [Fact]
    public async Task The_review_csv_parses_back_with_the_suppliers_in_rank_order_and_a_formula_looking_note_escaped()
    {
        var (id, ranking, executive) = await DecidedReviewAsync();
        using var _ = executive;

        using var response = await executive.GetAsync($"/reviews/{id}.csv", Cancel);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        var (header, rows) = Parse(new MemoryStream(bytes));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        int Column(string name) => header.ToList().IndexOf(name);
        Assert.Equal([.. ranking.Suppliers.Select(s => s.Name)], rows.Select(r => r[Column("Supplier")]));
        Assert.Equal(["1", "2", "3"], rows.Select(r => r[Column("Rank")]));
        var worst = rows[2];
        Assert.Equal(["Phase out", "Ana", ReviewsNode.Due(90), "'" + FormulaNote], [worst[Column("Decision")], worst[Column("Owner")], worst[Column("Due")], worst[Column("Note")]]);
        Assert.Matches(@"^\d+(\.\d+)?$", worst[Column("Ranking score")]);
        Assert.Equal("", rows[0][Column("Decision")]);
    }

    [Fact]
    public async Task The_ranking_csv_has_every_supplier_of_the_period_and_a_bad_period_is_refused()
    {
        var ranking = await ReviewsNode.RankedAsync(fixture, 81, 64);
        using var executive = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        using var response = await executive.GetAsync($"/rankings.csv?period={ranking.Period}", Cancel);
        var (header, rows) = Parse(await response.Content.ReadAsStreamAsync(Cancel));
        using var bad = await executive.GetAsync("/rankings.csv?period=nonsense", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([.. ranking.Suppliers.Select(s => s.Name)], rows.Select(r => r[header.ToList().IndexOf("Supplier")]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_pdf_pack_has_a_cover_with_the_ranking_and_a_page_per_supplier_with_its_name_in_the_text_and_a_bookmark()
    {
        var (id, ranking, executive) = await DecidedReviewAsync();
        using var _ = executive;

        using var response = await executive.GetAsync($"/reviews/{id}.pdf", Cancel);
        var pdf = await response.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var (pages, bookmarks) = ReadPdf(pdf);
        Assert.Equal(1 + ranking.Suppliers.Count, pages.Count);
        Assert.All(ranking.Suppliers, s => Assert.Contains(s.Name, pages[0], StringComparison.Ordinal));
        for (var i = 0; i < ranking.Suppliers.Count; i++)
        {
            Assert.Contains(ranking.Suppliers[i].Name, pages[i + 1], StringComparison.Ordinal);
        }

        Assert.Contains("Phase out", pages[3], StringComparison.Ordinal);
        Assert.Contains(FormulaNote, pages[3], StringComparison.Ordinal);
        Assert.Matches(@"Strategic \d+", pages[1]);
        Assert.Equal(["Ranking", .. ranking.Suppliers.Select(s => s.Name)], bookmarks);
    }

    [Fact]
    public async Task The_api_returns_the_frozen_rows_with_their_decisions_and_the_audit_trail()
    {
        var (id, ranking, executive) = await DecidedReviewAsync();
        using var _ = executive;

        var review = await fixture.Reader.GetFromJsonAsync<JsonElement>($"/api/reviews/{id}", Cancel);
        var list = await fixture.Reader.GetFromJsonAsync<JsonElement>("/api/reviews", Cancel);
        using var unknown = await fixture.Reader.GetAsync($"/api/reviews/{Guid.NewGuid()}", Cancel);
        using var cookie = await executive.GetAsync($"/api/reviews/{id}", Cancel);

        var rows = review.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([.. ranking.Suppliers.Select(s => s.Name)], rows.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal([1, 2, 3], rows.Select(r => r.GetProperty("rank").GetInt32()));
        var decision = rows[2].GetProperty("decision");
        Assert.Equal(("Phase out", "Ana", ReviewsNode.Due(90), FormulaNote),
            (decision.GetProperty("decision").GetString(), decision.GetProperty("owner").GetString(), decision.GetProperty("due").GetString(), decision.GetProperty("note").GetString()));
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("decision").ValueKind);
        Assert.Equal("Open", review.GetProperty("status").GetString());
        Assert.Equal(2, review.GetProperty("audit").GetArrayLength());
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id && r.GetProperty("suppliers").GetInt32() == 3);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, cookie.StatusCode);
    }
}
