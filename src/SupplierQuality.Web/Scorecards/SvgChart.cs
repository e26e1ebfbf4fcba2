using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace SupplierQuality.Web.Scorecards;

/// <summary>One line of a line chart: a 0-100 value per point, null where it has none.</summary>
public sealed record ChartLine(string Name, IReadOnlyList<double?> Values);

/// <summary>One row of a bar chart: its label and a 0-100 value per series, null where it has none.</summary>
public sealed record ChartRow(string Label, IReadOnlyList<double?> Values);

/// <summary>
/// Charts on a 0-100 scale drawn on the server as inline SVG: the pages use no JavaScript and load nothing from
/// elsewhere. Series differ in line pattern, marker shape and fill pattern as well as colour, so a chart reads in
/// greyscale; each chart is an image with a title and a description, and its page shows the numbers in a table too.
/// </summary>
internal static class SvgChart
{
    private const int Width = 640;
    private const string Text = "#1b1f24";
    private const string Grid = "#d0d7de";
    private static readonly int[] Ticks = [0, 25, 50, 75, 100];

    private static readonly (string Colour, string Dash, Marker Marker)[] Styles =
    [
        ("#1f3a5f", "", Marker.Circle),
        ("#0b7a75", "7 4", Marker.Square),
        ("#a34700", "2 3", Marker.Diamond),
    ];

    private enum Marker
    {
        Circle,
        Square,
        Diamond,
    }

    /// <summary>A line per series across <paramref name="points"/> (left to right), with a y axis from 0 to 100.</summary>
    public static IHtmlContent Lines(string id, string title, string description, IReadOnlyList<string> points, IReadOnlyList<ChartLine> lines)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(lines);
        const int left = 56, right = 16, top = 16, plotHeight = 200;
        const int bottom = top + plotHeight;
        var legend = Legend([.. lines.Select(l => l.Name)], left, bottom + 44, swatch: 44);
        var height = (legend.Count == 0 ? bottom + 30 : legend.Max(p => p.Y)) + 18;
        var step = (double)(Width - left - right) / Math.Max(1, points.Count);
        double X(int i) => left + (step * (i + 0.5));
        double Y(double value) => bottom - (Math.Clamp(value, 0, 100) / 100 * plotHeight);

        var svg = Open(id, title, description, height);
        foreach (var tick in Ticks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{Width - right}\" y1=\"{N(Y(tick))}\" y2=\"{N(Y(tick))}\" stroke=\"{Grid}\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{N(Y(tick) + 4)}\" text-anchor=\"end\">{tick}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{top + (plotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {top + (plotHeight / 2)})\">Score, 0 to 100</text>");

        // Labels that would run into each other are thinned out; every point keeps its full name as a tooltip.
        var every = (int)Math.Ceiling(points.Count / 10.0);
        var room = Math.Max(6, (int)(step * every / 6.5));
        for (var i = 0; i < points.Count; i++)
        {
            if (i % every == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(i))}\" y=\"{bottom + 20}\" text-anchor=\"middle\"><title>{E(points[i])}</title>{E(Fit(points[i], room))}</text>");
            }
        }

        for (var s = 0; s < lines.Count; s++)
        {
            var (colour, dash, marker) = Styles[s % Styles.Length];
            var line = lines[s];
            var path = new StringBuilder();
            var drawing = false;
            for (var i = 0; i < Math.Min(points.Count, line.Values.Count); i++)
            {
                if (line.Values[i] is not { } value)
                {
                    // A point without a value breaks the line rather than joining its neighbours across the gap.
                    drawing = false;
                    continue;
                }

                path.Append(CultureInfo.InvariantCulture, $"{(drawing ? "L" : "M")}{N(X(i))} {N(Y(value))} ");
                drawing = true;
            }

            if (path.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{DashAttribute(dash)} />");
            }

            for (var i = 0; i < Math.Min(points.Count, line.Values.Count); i++)
            {
                if (line.Values[i] is { } value)
                {
                    MarkerAt(svg, marker, colour, X(i), Y(value), $"{line.Name}, {points[i]}: {ScoreText.Score(value)} of 100");
                }
            }

            var (lx, ly) = legend[s];
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{lx}\" x2=\"{lx + 36}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2.5\"{DashAttribute(dash)} />");
            MarkerAt(svg, marker, colour, lx + 18, ly, null);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 44}\" y=\"{ly + 4}\">{E(line.Name)}</text>");
        }

        return Close(svg);
    }

    /// <summary>
    /// Horizontal bars: a group per row, a bar per series within it, on a 0 to 100 scale, each with its number at its
    /// end ("no answers" where it has none).
    /// </summary>
    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<string> series, IReadOnlyList<ChartRow> rows)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(rows);
        const int labelWidth = 170, right = 64, bar = 14, gap = 3, rowGap = 14;
        const int plotWidth = Width - labelWidth - right;
        var legend = Legend([.. series.Select(n => Fit(n, 60))], labelWidth, 13, swatch: 30);
        var top = (legend.Count == 0 ? 0 : legend.Max(p => p.Y)) + 23;
        var rowHeight = (series.Count * (bar + gap)) + rowGap;
        var bottom = top + (rows.Count * rowHeight);
        var height = bottom + 28;
        double X(double value) => labelWidth + (Math.Clamp(value, 0, 100) / 100 * plotWidth);

        var svg = Open(id, title, description, height);
        svg.Append("<defs>");
        for (var s = 0; s < series.Count; s++)
        {
            var (colour, _, _) = Styles[s % Styles.Length];
            svg.Append(CultureInfo.InvariantCulture, $"<pattern id=\"{E(id)}-fill-{s}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">");
            svg.Append(s == 0
                ? $"<rect width=\"6\" height=\"6\" fill=\"{colour}\" />"
                : $"<rect width=\"6\" height=\"6\" fill=\"#ffffff\" /><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{colour}\" stroke-width=\"{(s == 1 ? 3 : 1.5).ToString(CultureInfo.InvariantCulture)}\" />");
            svg.Append("</pattern>");
        }

        svg.Append("</defs>");
        for (var s = 0; s < series.Count; s++)
        {
            var (colour, _, _) = Styles[s % Styles.Length];
            var (lx, ly) = legend[s];
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{ly - 7}\" width=\"24\" height=\"{bar}\" fill=\"url(#{E(id)}-fill-{s})\" stroke=\"{colour}\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 30}\" y=\"{ly + 4}\"><title>{E(series[s])}</title>{E(Fit(series[s], 60))}</text>");
        }

        foreach (var tick in Ticks)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(X(tick))}\" x2=\"{N(X(tick))}\" y1=\"{top - 4}\" y2=\"{bottom}\" stroke=\"{Grid}\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(tick))}\" y=\"{bottom + 16}\" text-anchor=\"middle\">{tick}</text>");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var y = top + (r * rowHeight);
            var middle = y + ((series.Count * (bar + gap)) / 2.0);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{N(middle + 4)}\" text-anchor=\"end\"><title>{E(row.Label)}</title>{E(Fit(row.Label, 24))}</text>");
            for (var s = 0; s < series.Count; s++)
            {
                var (colour, _, _) = Styles[s % Styles.Length];
                var by = y + (s * (bar + gap));
                var value = s < row.Values.Count ? row.Values[s] : null;
                if (value is { } v)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{by}\" width=\"{N(X(v) - labelWidth)}\" height=\"{bar}\" fill=\"url(#{E(id)}-fill-{s})\" stroke=\"{colour}\"><title>{E($"{row.Label}, {series[s]}: {ScoreText.Score(v)} of 100")}</title></rect>");
                }

                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N((value is { } w ? X(w) : labelWidth) + 6)}\" y=\"{by + bar - 3}\">{(value is { } t ? ScoreText.Score(t) : "no answers")}</text>");
            }
        }

        return Close(svg);
    }

    /// <summary>
    /// A heat-map cell's content: the score on a shade of one blue hue, darker for higher, from near white at 0. The
    /// number is in the cell, so the shade only helps the eye. Drawn in SVG because the page's Content-Security-Policy
    /// refuses inline styles, and an SVG fill is an attribute, not a style.
    /// </summary>
    public static IHtmlContent HeatCell(double score, string label)
    {
        var share = Math.Clamp(score, 0, 100) / 100;
        int Mix(int low, int high) => (int)Math.Round(low + ((high - low) * share));
        var fill = string.Create(CultureInfo.InvariantCulture, $"#{Mix(0xF3, 0x1F):X2}{Mix(0xF7, 0x4E):X2}{Mix(0xFB, 0x86):X2}");
        var text = share > 0.55 ? "#ffffff" : Text;
        return new HtmlString(string.Create(
            CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 60 26\" width=\"60\" height=\"26\" role=\"img\" aria-label=\"{E(ScoreText.Score(score))}\"><title>{E(label)}</title><rect width=\"60\" height=\"26\" rx=\"2\" fill=\"{fill}\" /><text x=\"54\" y=\"17.5\" text-anchor=\"end\" font-family=\"system-ui, sans-serif\" font-size=\"13\" fill=\"{text}\">{E(ScoreText.Score(score))}</text></svg>"));
    }

    /// <summary>
    /// Where each legend entry goes (its swatch's left end and middle), left to right from <paramref name="left"/>,
    /// starting a new row when the next would not fit. Text widths are estimated: there is no font to measure here.
    /// </summary>
    private static List<(int X, int Y)> Legend(IReadOnlyList<string> names, int left, int top, int swatch)
    {
        var places = new List<(int X, int Y)>();
        var (x, y) = (left, top);
        foreach (var name in names)
        {
            var width = swatch + (int)Math.Ceiling(name.Length * 6.8) + 24;
            if (x > left && x + width > Width)
            {
                (x, y) = (left, y + 22);
            }

            places.Add((x, y));
            x += width;
        }

        return places;
    }

    // No width, height or style: the page's Content-Security-Policy refuses inline styles, and with only a viewBox the
    // chart takes the width of its container and keeps its proportions.
    private static StringBuilder Open(string id, string title, string description, int height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{E(id)}\" role=\"img\" aria-labelledby=\"{E(id)}-title {E(id)}-desc\" viewBox=\"0 0 {Width} {height}\" font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"{Text}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{E(id)}-title\">{E(title)}</title><desc id=\"{E(id)}-desc\">{E(description)}</desc>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void MarkerAt(StringBuilder svg, Marker marker, string colour, double x, double y, string? tooltip)
    {
        var title = tooltip is null ? string.Empty : $"<title>{E(tooltip)}</title>";
        svg.Append(marker switch
        {
            Marker.Circle => $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"4.5\" fill=\"{colour}\">{title}</circle>",
            Marker.Square => $"<rect x=\"{N(x - 4)}\" y=\"{N(y - 4)}\" width=\"8\" height=\"8\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\">{title}</rect>",
            _ => $"<path d=\"M{N(x)} {N(y - 5.5)} L{N(x + 5.5)} {N(y)} L{N(x)} {N(y + 5.5)} L{N(x - 5.5)} {N(y)} Z\" fill=\"{colour}\">{title}</path>",
        });
    }

    private static string DashAttribute(string dash) => dash.Length == 0 ? string.Empty : $" stroke-dasharray=\"{dash}\"";

    private static string Fit(string text, int room) => text.Length <= room ? text : text[..Math.Max(1, room - 1)] + "…";

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
