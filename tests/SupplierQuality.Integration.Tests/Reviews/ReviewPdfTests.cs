using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Scoring;
using SupplierQuality.Web.Reviews;

namespace SupplierQuality.Integration.Tests.Reviews;

/// <summary>The scorecard pack's layout on reviews made here, without a node.</summary>
public sealed class ReviewPdfTests
{
    private static ReviewDetails Review(IEnumerable<ReviewLine> lines) => new(
        Guid.NewGuid(), "Layout review", RankingPeriod.OfCampaign(Guid.NewGuid()), "Spring survey", "Autumn survey", null,
        ScorecardSettings.Default, ReviewRules.DefaultDecisions, DateTimeOffset.UnixEpoch, "exec@test.local", null, null, 1, null, [.. lines], []);

    private static ReviewLine Line(int rank, string name, ReviewDecision? decision = null) => new(
        new ReviewRow(rank, Guid.NewGuid(), name, "castings", 90 - (rank * 0.5), 91 - (rank * 0.5), 80, 99, 4, 5, Standing.Preferred, false, MovementDirection.Up, 0.01),
        null,
        decision);

    private static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var pages = new List<string>();
        foreach (var page in document.Pages)
        {
            pages.Add(string.Concat(Strings(ContentReader.ReadContent(page))));
        }

        return pages;
    }

    private static IEnumerable<string> Strings(CObject content) => content switch
    {
        CString text => [text.Value, "\n"],
        CSequence sequence => sequence.SelectMany(Strings),
        COperator op => op.Operands.SelectMany(Strings),
        _ => [],
    };

    [Fact]
    public void A_long_ranking_continues_on_following_pages_with_its_heading_repeated()
    {
        Assert.True(DejaVuFontResolver.TryInstall(), DejaVuFontResolver.MissingMessage);
        var lines = Enumerable.Range(1, 120).Select(i => Line(i, $"Supplier number {i:000}")).ToList();

        var pages = PageTexts(ReviewPdf.Write(Review(lines), DateTimeOffset.UnixEpoch, Zone.Utc));

        var cover = pages.TakeWhile(p => !p.StartsWith("Supplier number", StringComparison.Ordinal)).ToList();
        Assert.InRange(cover.Count, 3, 5);
        Assert.Equal(cover.Count + lines.Count, pages.Count);
        Assert.All(cover.Skip(1), p => Assert.Contains("Ranking (continued)", p, StringComparison.Ordinal));
        var listed = string.Concat(cover);
        Assert.All(lines, l => Assert.Contains(l.Row.Name, listed, StringComparison.Ordinal));
        Assert.Contains("page 1 of " + pages.Count, pages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Names_outside_Latin_and_a_long_note_without_spaces_are_drawn_and_bookmarked()
    {
        Assert.True(DejaVuFontResolver.TryInstall(), DejaVuFontResolver.MissingMessage);
        var note = new string('x', ReviewRules.MaxNoteLength);
        var decision = new ReviewDecision("Monitor", "Ana Łukasik", new DateOnly(2027, 3, 31), note, "exec@test.local", DateTimeOffset.UnixEpoch, 1);
        var review = Review([Line(1, "Zürich Gießerei – Ωmega Литейный"), Line(2, "Plain Ltd", decision)]);

        var pdf = ReviewPdf.Write(review, DateTimeOffset.UnixEpoch, Zone.Utc);

        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        Assert.Equal(["Ranking", "Zürich Gießerei – Ωmega Литейный", "Plain Ltd"], document.Outlines.Select(o => o.Title));
        var supplierPages = PageTexts(pdf).Skip(2).ToList();
        Assert.Contains(note[..30], string.Concat(supplierPages), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pack_gives_its_times_in_the_reader_s_time_zone()
    {
        Assert.True(DejaVuFontResolver.TryInstall(), DejaVuFontResolver.MissingMessage);
        Assert.True(Zone.TryFind("Europe/Berlin", out var berlin));
        var printed = new DateTimeOffset(2030, 7, 1, 10, 0, 0, TimeSpan.Zero);

        var cover = PageTexts(ReviewPdf.Write(Review([Line(1, "Plain Ltd")]), printed, berlin))[0];

        Assert.Contains("1 January 1970, 01:00 (UTC+01:00, Europe/Berlin) by exec@test.local", cover, StringComparison.Ordinal);
        Assert.Contains("1 July 2030, 12:00 (UTC+02:00, Europe/Berlin)", cover, StringComparison.Ordinal);
    }
}
