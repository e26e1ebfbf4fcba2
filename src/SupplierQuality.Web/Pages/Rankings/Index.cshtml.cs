using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Scorecards;

namespace SupplierQuality.Web.Pages.Rankings;

/// <summary>
/// The supplier ranking of a period: rank, scores, responses, standing, significant movement and a dimension heat map,
/// filtered and paged by the query string. Addresses are edited by hand, so a value that names nothing falls back
/// to its default with a sentence saying so, never an error page.
/// </summary>
public sealed class IndexModel(IGrainFactory grains) : PageModel
{
    public const int PageSize = 50;

    // Filters bind as text and are parsed here, so a hand-edited value gets a sentence, not the binder's message.
    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodValue { get; set; }

    [BindProperty(SupportsGet = true, Name = "category")]
    public string? CategoryValue { get; set; }

    [BindProperty(SupportsGet = true, Name = "standing")]
    public string? StandingValue { get; set; }

    [BindProperty(SupportsGet = true, Name = "search")]
    public string? SearchValue { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? SortValue { get; set; }

    /// <summary>Not named "page": Razor Pages reserves that route value for the page path.</summary>
    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public string? PageValue { get; set; }

    public RankingFilter Filter { get; private set; } = new(null, null, null, null, RankingSort.Rank);

    public int PageNumber { get; private set; } = 1;

    public int PageCount => Math.Max(1, (Ranking.Total + PageSize - 1) / PageSize);

    public RankingPage Ranking { get; private set; } = null!;

    /// <summary>Every period with responses, newest campaign first; empty until anyone has answered.</summary>
    public IReadOnlyList<RankingPeriodOption> Periods { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public DimensionNames Dimensions { get; private set; } = DimensionNames.None;

    /// <summary>Sentences about query values that named nothing, and what is shown instead.</summary>
    public IReadOnlyList<string> Notices { get; private set; } = [];

    public bool Filtered => Filter.Category is not null || Filter.Standing is not null || Filter.Search is not null;

    public async Task OnGetAsync()
    {
        var ranking = grains.GetRanking();
        var periods = ranking.PeriodsAsync();
        var categories = grains.ListSupplierCategoriesAsync();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var filter = RankingFilter.Parse(PeriodValue, CategoryValue, StandingValue, SearchValue, SortValue, errors);
        var notices = errors.Keys.Select(key => key switch
        {
            "period" => $"\"{Shorten(PeriodValue)}\" is not a period: the latest campaign is shown.",
            "standing" => $"\"{Shorten(StandingValue)}\" is not a standing: every standing is shown.",
            _ => $"\"{Shorten(SortValue)}\" is not a sort order: the ranking is in rank order.",
        }).ToList();
        Periods = await periods;
        Categories = await categories;

        if (filter.Period is { } period && !Periods.Any(p => p.Period == period))
        {
            notices.Add("No responses were given in the period asked for: the latest campaign is shown.");
            filter = filter with { Period = null };
        }

        if (filter.Category is { } category)
        {
            if (Categories.FirstOrDefault(c => string.Equals(c, category, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                filter = filter with { Category = known };
            }
            else
            {
                notices.Add($"No supplier is in the category \"{Shorten(category)}\": every category is shown.");
                filter = filter with { Category = null };
            }
        }

        Filter = filter;
        PageNumber = int.TryParse(PageValue, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? Math.Max(1, number) : 1;
        Ranking = await ranking.QueryAsync(filter.ToQuery(Skip(PageNumber), PageSize));
        if (Ranking.Items.Count == 0 && Ranking.Total > 0)
        {
            // An old link past the end still shows a list: the last page.
            PageNumber = PageCount;
            Ranking = await ranking.QueryAsync(filter.ToQuery(Skip(PageNumber), PageSize));
        }

        Dimensions = await DimensionNames.OfPeriodAsync(grains, Ranking.Period?.Period);
        Notices = notices;
    }

    /// <summary>The movement's words for the arrow's title and for screen readers; null when there is no significant move.</summary>
    public string? MovementText(RankingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ScoreText.Movement(row.Movement, row.MovementP, Ranking.PreviousPeriod?.Label);
    }

    /// <summary>Query values for a link to this page with the same filters and sort, on another page.</summary>
    public Dictionary<string, string> RouteFor(int pageNumber)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Filter.Period is { } period)
        {
            values["period"] = period.ToString();
        }

        if (Filter.Category is { } category)
        {
            values["category"] = category;
        }

        if (Filter.Standing is { } standing)
        {
            values["standing"] = ScoreText.StandingValue(standing);
        }

        if (Filter.Search is { } search)
        {
            values["search"] = search;
        }

        if (Filter.Sort != RankingSort.Rank)
        {
            values["sort"] = Filter.SortValue;
        }

        values["pageNumber"] = pageNumber.ToString(CultureInfo.InvariantCulture);
        return values;
    }

    /// <summary>The page numbers to link: the first, the last and those near this one; null marks a gap.</summary>
    public IReadOnlyList<int?> PageLinks()
    {
        var shown = Enumerable.Range(1, PageCount).Where(p => p == 1 || p == PageCount || Math.Abs(p - PageNumber) <= 2).ToList();
        var links = new List<int?>();
        for (var i = 0; i < shown.Count; i++)
        {
            if (i > 0 && shown[i] - shown[i - 1] > 1)
            {
                links.Add(null);
            }

            links.Add(shown[i]);
        }

        return links;
    }

    /// <summary>A hand-typed value is echoed in a notice, but never at length.</summary>
    private static string Shorten(string? value) => value is null ? string.Empty : value.Length > 60 ? value[..60] + "…" : value;

    // Long arithmetic: a hand-typed page number of a billion must not wrap round to a negative skip.
    private static int Skip(int pageNumber) => (int)Math.Min((pageNumber - 1L) * PageSize, int.MaxValue);
}
