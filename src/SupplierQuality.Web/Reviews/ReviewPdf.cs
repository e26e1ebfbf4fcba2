using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Web.Scorecards;

namespace SupplierQuality.Web.Reviews;

/// <summary>
/// The review's scorecard pack: a cover with the ranking table (continued on as many pages as it takes), then a page
/// per supplier with its numbers, a bar of its ranking score on the 0-100 scale against the standing thresholds, and
/// its decision. Each supplier has a bookmark. Needs <see cref="DejaVuFontResolver.TryInstall"/> first.
/// </summary>
internal static class ReviewPdf
{
    private const double Margin = 50;
    private const double FooterHeight = 24;

    private static readonly XColor Ink = XColor.FromArgb(0x1b, 0x1f, 0x24);
    private static readonly XColor Muted = XColor.FromArgb(0x57, 0x60, 0x6a);
    private static readonly XColor Rule = XColor.FromArgb(0xd0, 0xd7, 0xde);
    private static readonly XColor Bar = XColor.FromArgb(0x1f, 0x3a, 0x5f);
    private static readonly XColor Track = XColor.FromArgb(0xea, 0xee, 0xf2);

    /// <summary>The ranking table's columns: heading, width, right-aligned.</summary>
    private static readonly (string Heading, double Width, bool Right)[] Columns =
    [
        ("Rank", 36, true),
        ("Supplier", 205, false),
        ("Score", 50, true),
        ("Standing", 80, false),
        ("Decision", 124, false),
    ];

    /// <summary>The PDF's bytes; its times are written in <paramref name="zone"/>, the reader's.</summary>
    public static byte[] Write(ReviewDetails review, DateTimeOffset printedAt, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(review);
        using var document = new PdfDocument();
        document.Info.Title = review.Title;
        document.Info.Subject = $"Strategic planning review: {review.PeriodLabel}, {ReviewText.Scope(review.Category)}";
        document.Info.Author = review.CreatedBy;
        document.Info.CreationDate = printedAt.UtcDateTime;

        using (var pages = new PageWriter(document))
        {
            Cover(pages, review, printedAt, zone);
            var ranked = review.Lines.Count(l => l.Row.Rank is not null);
            foreach (var line in review.Lines)
            {
                SupplierPage(pages, review, line, ranked, zone);
            }
        }

        Footers(document, review.Title);
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void Cover(PageWriter pages, ReviewDetails review, DateTimeOffset printedAt, Zone zone)
    {
        var cover = pages.NewPage();
        pages.Document.Outlines.Add("Ranking", cover);
        pages.Paragraph(review.Title, pages.TitleFont, Ink, after: 4);
        pages.Paragraph("Strategic planning review: supplier scorecard pack", pages.BodyFont, Muted, after: 12);
        pages.Field("Period", review.PeriodLabel);
        pages.Field("Scope", ReviewText.Scope(review.Category));
        pages.Field("Frozen", $"{zone.Show(review.CreatedAt)} by {review.CreatedBy}");
        pages.Field("Status", review.FinishedAt is { } finished
            ? $"Finished {zone.Show(finished)} by {review.FinishedBy}"
            : "Open: decisions may still change");
        pages.Field("Compared with", review.PreviousReview is { } previous
            ? $"{previous.Title} ({previous.PeriodLabel}, finished {zone.Show(previous.FinishedAt)})"
            : "No earlier finished review of this scope");
        pages.Field("Printed", zone.Show(printedAt));
        pages.Paragraph(ScoreText.StandingRule(review.Settings), pages.SmallFont, Muted, before: 6, after: 14);

        pages.Paragraph("Ranking", pages.HeadingFont, Ink, after: 6);
        TableHead(pages);
        foreach (var line in review.Lines)
        {
            if (!pages.Fits(TableRowHeight))
            {
                pages.NewPage();
                pages.Paragraph("Ranking (continued)", pages.HeadingFont, Ink, after: 6);
                TableHead(pages);
            }

            var row = line.Row;
            TableRow(pages, pages.TableFont, Ink,
            [
                ReviewText.Rank(row.Rank),
                row.Name,
                ScoreText.Score(row.RankingScore),
                ScoreText.StandingName(row.Standing),
                line.Decision?.Decision ?? "—",
            ]);
        }
    }

    private const double TableRowHeight = 15;

    private static void TableHead(PageWriter pages)
    {
        TableRow(pages, pages.TableHeadFont, Ink, [.. Columns.Select(c => c.Heading)]);
    }

    private static void TableRow(PageWriter pages, XFont font, XColor color, IReadOnlyList<string> cells)
    {
        var g = pages.Graphics;
        var x = Margin;
        for (var i = 0; i < Columns.Length; i++)
        {
            var (_, width, right) = Columns[i];
            var text = Fit(g, cells[i], font, width - 6);
            var rect = new XRect(right ? x : x + 3, pages.Y + 3, width - 3, TableRowHeight - 3);
            g.DrawString(text, font, new XSolidBrush(color), rect, right ? XStringFormats.TopRight : XStringFormats.TopLeft);
            x += width;
        }

        pages.Y += TableRowHeight;
        g.DrawLine(new XPen(Rule, 0.5), Margin, pages.Y, Margin + Columns.Sum(c => c.Width), pages.Y);
    }

    private static void SupplierPage(PageWriter pages, ReviewDetails review, ReviewLine line, int ranked, Zone zone)
    {
        var row = line.Row;
        var page = pages.NewPage();
        pages.Document.Outlines.Add(row.Name, page);
        pages.Paragraph(row.Name, pages.TitleFont, Ink, after: 2);
        var place = row.Rank is { } rank ? $"{ReviewText.Ordinal(rank)} of {ranked} ranked" : "Not ranked: no score in this period";
        pages.Paragraph($"{row.Category ?? "No category"} · {place} · {review.PeriodLabel}, {ReviewText.Scope(review.Category)}", pages.BodyFont, Muted, after: 14);

        pages.Paragraph("Scores", pages.HeadingFont, Ink, after: 4);
        pages.Field("Ranking score", row.RankingScore is null ? "No score" : ScoreText.OfHundred(row.RankingScore));
        pages.Field("95% interval", $"{ScoreText.Interval(row.Lower, row.Upper)} (of the raw score)");
        pages.Field("Raw score", ScoreText.Score(row.RawScore));
        pages.Field("Responses (n)", $"{row.Responses} of {row.Invited} invited{(row.LowResponse ? ", " + ScoreText.LowResponse(review.Settings.MinimumResponses) : string.Empty)}");
        pages.Field("Standing", ScoreText.StandingName(row.Standing));
        pages.Field("Movement", ReviewText.Movement(review, row));
        pages.Field("Previous review", ReviewText.Previous(review, line) ?? "No earlier finished review of this scope");

        pages.Paragraph("Ranking score on the 0-100 scale", pages.HeadingFont, Ink, before: 10, after: 4);
        Chart(pages, row, review.Settings);

        pages.Paragraph("Decision", pages.HeadingFont, Ink, before: 12, after: 4);
        if (line.Decision is { } decision)
        {
            pages.Field("Decision", decision.Decision);
            pages.Field("Owner", decision.Owner);
            pages.Field("Due", ReviewText.Date(decision.Due));
            pages.Field("Recorded", $"{zone.Show(decision.At)} by {decision.By}");
            pages.Field("Note", decision.Note.Length == 0 ? "—" : decision.Note);
        }
        else
        {
            pages.Paragraph("No decision recorded.", pages.BodyFont, Ink);
        }
    }

    /// <summary>
    /// A bar from 0 to the ranking score on a 0-100 track, the raw score's 95% interval as a line with end caps, and a
    /// dashed mark with its name at each standing threshold (names on two rows, so neighbours do not overlap).
    /// </summary>
    private static void Chart(PageWriter pages, ReviewRow row, ScorecardSettings settings)
    {
        const double labelRows = 22;
        const double barHeight = 18;
        const double width = 400;
        const double height = labelRows + barHeight + 28;
        pages.Need(height);
        var g = pages.Graphics;
        var left = Margin;
        var top = pages.Y + labelRows;
        double X(double score) => left + (width * Math.Clamp(score, 0, 100) / 100);

        g.DrawRectangle(new XSolidBrush(Track), left, top, width, barHeight);
        if (row.RankingScore is { } score)
        {
            g.DrawRectangle(new XSolidBrush(Bar), left, top, X(score) - left, barHeight);
            g.DrawString(ScoreText.Score(score), pages.LabelFont, new XSolidBrush(Ink), new XRect(left + width + 8, top + 3, 80, barHeight), XStringFormats.TopLeft);
        }
        else
        {
            g.DrawString("No score in this period", pages.BodyFont, new XSolidBrush(Muted), new XRect(left + 6, top + 3, width, barHeight), XStringFormats.TopLeft);
        }

        var thresholds = new (string Name, double Value)[]
        {
            ("Conditional", settings.Conditional), ("Approved", settings.Approved), ("Preferred", settings.Preferred), ("Strategic", settings.Strategic),
        };

        // A white line under the dashes, so the mark shows on the dark bar as well as on the light track.
        var under = new XPen(XColors.White, 1.5);
        var dashed = new XPen(Ink, 0.75) { DashStyle = XDashStyle.Dash };
        for (var i = 0; i < thresholds.Length; i++)
        {
            var (name, value) = thresholds[i];
            var labelTop = pages.Y + (i % 2 == 0 ? 11 : 0);
            g.DrawLine(under, X(value), top, X(value), top + barHeight);
            g.DrawLine(dashed, X(value), labelTop + 9, X(value), top + barHeight + 3);
            g.DrawString($"{name} {ScoreText.Number(value)}", pages.SmallFont, new XSolidBrush(Muted), new XRect(X(value) - 40, labelTop, 80, 9), XStringFormats.TopCenter);
        }

        if (row.Lower is { } lower && row.Upper is { } upper)
        {
            var pen = new XPen(XColor.FromArgb(0xd9, 0x7a, 0x00), 1.5);
            var middle = top + (barHeight / 2);
            g.DrawLine(pen, X(lower), middle, X(upper), middle);
            g.DrawLine(pen, X(lower), middle - 4, X(lower), middle + 4);
            g.DrawLine(pen, X(upper), middle - 4, X(upper), middle + 4);
        }

        foreach (var tick in new[] { 0, 20, 40, 60, 80, 100 })
        {
            g.DrawString(tick.ToString(CultureInfo.InvariantCulture), pages.SmallFont, new XSolidBrush(Muted), new XRect(X(tick) - 15, top + barHeight + 4, 30, 9), XStringFormats.TopCenter);
        }

        pages.Y = top + barHeight + 16;
        pages.Paragraph("Bar: ranking score. Orange line: 95% interval of the raw score. Dashed: standing thresholds.", pages.SmallFont, Muted);
    }

    /// <summary>"Review title · page 2 of 7" at the foot of every page, once the number of pages is known.</summary>
    private static void Footers(PdfDocument document, string title)
    {
        var font = new XFont(DejaVuFontResolver.Family, 7.5);
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var text = Fit(g, $"{title} · page {i + 1} of {document.PageCount}", font, page.Width.Point - (2 * Margin));
            g.DrawString(text, font, new XSolidBrush(Muted), new XRect(Margin, page.Height.Point - Margin + 8, page.Width.Point - (2 * Margin), 10), XStringFormats.TopLeft);
        }
    }

    /// <summary>The text, cut with an ellipsis where it would be wider than <paramref name="width"/>.</summary>
    private static string Fit(XGraphics g, string text, XFont font, double width)
    {
        if (g.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 0 && g.MeasureString(text[..length] + "…", font).Width > width)
        {
            length--;
        }

        return text[..length].TrimEnd() + "…";
    }

    /// <summary>The text broken into lines no wider than <paramref name="width"/>: at spaces, inside a word only when it alone is too wide.</summary>
    private static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (g.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && g.MeasureString(line, font).Width > width)
                {
                    var fits = line.Length - 1;
                    while (fits > 1 && g.MeasureString(line[..fits], font).Width > width)
                    {
                        fits--;
                    }

                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Draws top to bottom over A4 pages, starting a new page when the next block does not fit.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private const double LabelWidth = 110;

        private XGraphics? _graphics;
        private PdfPage? _page;

        public PdfDocument Document { get; } = document;

        // Made here, not as static fields: an XFont looks its face up when made, and the resolver is set just before.
        public XFont TitleFont { get; } = new(DejaVuFontResolver.Family, 18, XFontStyleEx.Bold);

        public XFont HeadingFont { get; } = new(DejaVuFontResolver.Family, 12, XFontStyleEx.Bold);

        public XFont BodyFont { get; } = new(DejaVuFontResolver.Family, 10);

        public XFont LabelFont { get; } = new(DejaVuFontResolver.Family, 10, XFontStyleEx.Bold);

        public XFont TableFont { get; } = new(DejaVuFontResolver.Family, 9);

        public XFont TableHeadFont { get; } = new(DejaVuFontResolver.Family, 9, XFontStyleEx.Bold);

        public XFont SmallFont { get; } = new(DejaVuFontResolver.Family, 7.5);

        public XGraphics Graphics => _graphics ?? throw new InvalidOperationException("No page yet.");

        public double Y { get; set; }

        private double Bottom => _page!.Height.Point - Margin - FooterHeight;

        private double Width => _page!.Width.Point - (2 * Margin);

        public PdfPage NewPage()
        {
            _graphics?.Dispose();
            _page = Document.AddPage();
            _page.Size = PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            Y = Margin;
            return _page;
        }

        public bool Fits(double height) => Y + height <= Bottom;

        public void Need(double height)
        {
            if (!Fits(height))
            {
                NewPage();
            }
        }

        /// <summary>Wrapped text across the page's width.</summary>
        public void Paragraph(string text, XFont font, XColor color, double before = 0, double after = 2)
        {
            Y += before;
            var lineHeight = font.GetHeight() + 1;
            foreach (var line in Wrap(Graphics, text, font, Width))
            {
                Need(lineHeight);
                Graphics.DrawString(line, font, new XSolidBrush(color), new XRect(Margin, Y, Width, lineHeight), XStringFormats.TopLeft);
                Y += lineHeight;
            }

            Y += after;
        }

        /// <summary>"Label   value", the value wrapped beside its label.</summary>
        public void Field(string label, string value)
        {
            var lineHeight = BodyFont.GetHeight() + 2;
            var lines = Wrap(Graphics, value, BodyFont, Width - LabelWidth);
            Need(lineHeight);
            Graphics.DrawString(label, LabelFont, new XSolidBrush(Ink), new XRect(Margin, Y, LabelWidth, lineHeight), XStringFormats.TopLeft);
            foreach (var line in lines)
            {
                Need(lineHeight);
                Graphics.DrawString(line, BodyFont, new XSolidBrush(Ink), new XRect(Margin + LabelWidth, Y, Width - LabelWidth, lineHeight), XStringFormats.TopLeft);
                Y += lineHeight;
            }
        }

        public void Dispose() => _graphics?.Dispose();
    }
}
