using System.Globalization;
using CsvHelper;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Web.Scorecards;

namespace SupplierQuality.Web.Reviews;

/// <summary>
/// The review and ranking exports: a header, then one row per supplier. Scores are numbers rounded to two decimals,
/// standings and movements words, as the pages write them.
/// </summary>
internal static class ReviewsCsv
{
    public static readonly IReadOnlyList<string> ReviewColumns =
    [
        "Rank", "Supplier", "Supplier id", "Category", "Ranking score", "Interval lower", "Interval upper", "Raw score",
        "Responses", "Invited", "Standing", "Low response", "Movement", "Previous review", "Decision", "Owner", "Due",
        "Note", "Decided by", "Decided at (UTC)",
    ];

    public static readonly IReadOnlyList<string> RankingColumns =
    [
        "Rank", "Supplier", "Supplier id", "Category", "Ranking score", "Interval lower", "Interval upper", "Raw score",
        "Responses", "Invited", "Response rate", "Standing", "Low response", "Movement", "Movement p",
    ];

    /// <summary>
    /// Names, notes and owners are typed by people, and a spreadsheet runs a text cell starting with =, +, -, @, a tab
    /// or a carriage return as a formula: CsvHelper puts an apostrophe before it. Numbers are left alone. The byte
    /// order mark makes Excel read the file as UTF-8.
    /// </summary>
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
        WriteByteOrderMark = true,
    };

    public static async Task WriteReviewAsync(Stream stream, ReviewDetails review, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(review);
        await using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        await csv.WriteRecordAsync([.. ReviewColumns], ct);
        foreach (var line in review.Lines)
        {
            var (row, decision) = (line.Row, line.Decision);
            Write(
                csv,
                [
                    row.Rank, row.Name, row.SupplierId.ToString(), row.Category, Round(row.RankingScore), Round(Clamp(row.Lower)),
                    Round(Clamp(row.Upper)), Round(row.RawScore), row.Responses, row.Invited, Standing(row), row.LowResponse ? "yes" : "no",
                    ReviewText.Movement(review, row), ReviewText.Previous(review, line), decision?.Decision, decision?.Owner,
                    decision is null ? null : ReviewText.Date(decision.Due), decision?.Note, decision?.By,
                    decision is null ? null : Utc(decision.At),
                ]);
            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }

    /// <param name="since">The previous period's words, which the movements compare with; null when there is none.</param>
    public static async Task WriteRankingAsync(Stream stream, string? since, IReadOnlyList<RankingRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        await csv.WriteRecordAsync([.. RankingColumns], ct);
        foreach (var row in rows)
        {
            Write(
                csv,
                [
                    row.Rank, row.Name, row.SupplierId.ToString(), row.Category, Round(row.RankingScore), Round(Clamp(row.Lower)),
                    Round(Clamp(row.Upper)), Round(row.RawScore), row.Responses, row.Invited, Round(row.ResponseRate * 100),
                    row.Standing is null ? null : ScoreText.StandingName(row.Standing), row.LowResponse ? "yes" : "no",
                    ScoreText.Movement(row.Movement, row.MovementP, since) ?? "none", Round(row.MovementP, 4),
                ]);
            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }

    /// <summary>"Q1 review 2026.csv", without the characters a file name cannot hold.</summary>
    public static string FileName(string name, string extension)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '\\', ':', '*', '?', '<', '>', '|']).ToHashSet();
        var safe = new string([.. name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '-' : c)]).Trim();
        return (safe.Length == 0 ? "review" : safe) + extension;
    }

    private static void Write(CsvWriter csv, IEnumerable<object?> cells)
    {
        foreach (var cell in cells)
        {
            csv.WriteField(cell);
        }
    }

    private static string? Standing(ReviewRow row) => row.Standing is null ? null : ScoreText.StandingName(row.Standing);

    private static double? Round(double? value, int digits = 2) => value is { } v ? Math.Round(v, digits) : null;

    /// <summary>The interval cut to the 0-100 scale, as the pages show it.</summary>
    private static double? Clamp(double? value) => value is { } v ? Math.Clamp(v, 0, 100) : null;

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
