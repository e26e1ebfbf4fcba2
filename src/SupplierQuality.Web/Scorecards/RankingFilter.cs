using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Scoring;

namespace SupplierQuality.Web.Scorecards;

/// <summary>
/// What a reader asked of a ranking, from query-string text: the same words for the page and the API. A null part
/// means the default (the latest campaign, every category and standing, no search, rank order).
/// </summary>
public sealed record RankingFilter(RankingPeriod? Period, string? Category, Standing? Standing, string? Search, RankingSort Sort)
{
    /// <summary>The sort values the query string takes, in the order a select offers them.</summary>
    public static IReadOnlyList<(string Value, RankingSort Sort, string Label)> Sorts { get; } =
    [
        ("rank", RankingSort.Rank, "Rank"),
        ("name", RankingSort.Name, "Name"),
        ("responses", RankingSort.Responses, "Most responses"),
        ("response-rate", RankingSort.ResponseRate, "Highest response rate"),
    ];

    /// <summary>
    /// The filter from the query string's values. A value that names nothing is left at its default and a sentence
    /// about it is added to <paramref name="errors"/> under its query key: the API refuses the request with them, the
    /// page shows what it shows instead.
    /// </summary>
    public static RankingFilter Parse(
        string? period, string? category, string? standing, string? search, string? sort, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        RankingPeriod? parsedPeriod = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (RankingPeriod.TryParse(period.Trim(), out var p))
            {
                parsedPeriod = p;
            }
            else
            {
                errors["period"] = [$"\"{Shorten(period)}\" is not a period: use campaign:{{id}}, quarter:{{questionnaire id}}:2026-4 or year:{{questionnaire id}}:2026, or leave it out for the latest campaign."];
            }
        }

        Standing? parsedStanding = null;
        if (!string.IsNullOrWhiteSpace(standing))
        {
            parsedStanding = ScoreText.ParseStanding(standing);
            if (parsedStanding is null)
            {
                errors["standing"] = [$"\"{Shorten(standing)}\" is not a standing: use {string.Join(", ", ScoreText.Standings.Select(ScoreText.StandingValue))}."];
            }
        }

        var parsedSort = RankingSort.Rank;
        if (!string.IsNullOrWhiteSpace(sort))
        {
            var match = Sorts.Where(s => string.Equals(s.Value, sort.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 1)
            {
                parsedSort = match[0].Sort;
            }
            else
            {
                errors["sort"] = [$"\"{Shorten(sort)}\" is not a sort order: use {string.Join(", ", Sorts.Select(s => s.Value))}."];
            }
        }

        return new RankingFilter(parsedPeriod, Blank(category), parsedStanding, Blank(search), parsedSort);
    }

    /// <summary>The sort's query-string value.</summary>
    public string SortValue => Sorts.First(s => s.Sort == Sort).Value;

    public RankingQuery ToQuery(int skip, int take) =>
        new(Period, Category, Standing?.ToString(), Search, Sort, Descending: false, skip, take);

    /// <summary>A hand-typed value is echoed in a message, but never at length.</summary>
    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
