using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Scoring;
using SupplierQuality.Web.Scorecards;

namespace SupplierQuality.Web.Pages.Scorecards;

/// <summary>
/// One supplier's scorecard: per campaign its rank within the category, ranking score, standing and movement, with
/// the respondent groups side by side (never averaged together here); a chart of the scores across campaigns and one
/// of the latest campaign's dimensions against the category's average, each with its numbers in a table; and the
/// objective metrics beside them: per campaign the score of its quarter's metrics, and every imported value.
/// </summary>
public sealed class SupplierScorecardModel(IGrainFactory grains) : PageModel
{
    public SupplierDetails Supplier { get; private set; } = null!;

    public ScorecardSettings Settings { get; private set; } = ScorecardSettings.Default;

    /// <summary>Each campaign that reached the supplier, oldest first.</summary>
    public IReadOnlyList<ScorecardCampaign> Campaigns { get; private set; } = [];

    public bool HasResponses => Campaigns.Any(c => c.Row.Groups.Any(g => g.Responses > 0));

    /// <summary>The latest campaign with dimension scores, for the dimension chart; null when none has any.</summary>
    public ScorecardCampaign? DimensionCampaign => Campaigns.LastOrDefault(c => c.Row.Dimensions.Count > 0);

    public DimensionNames Dimensions { get; private set; } = DimensionNames.None;

    /// <summary>Every imported objective metric, newest quarter first.</summary>
    public IReadOnlyList<StoredMetric> Metrics { get; private set; } = [];

    /// <summary>The quarters that have metrics, newest first, each with its metrics by name.</summary>
    public IEnumerable<IGrouping<MetricQuarter, StoredMetric>> MetricQuarters => Metrics.GroupBy(m => m.Metric.Period);

    /// <summary>Quality managers and admins import metrics; executives read them.</summary>
    public bool CanImportMetrics => User.IsInRole(Roles.QualityManager) || User.IsInRole(Roles.Admin);

    /// <summary>The scope of the category average: the supplier's category, or the suppliers without one.</summary>
    public string Scope => Supplier.Category is { } category ? $"category {category}" : "suppliers without a category";

    /// <summary>The ranking scorecards use: within the supplier's category; a supplier without one among every supplier.</summary>
    public string RankScope => Supplier.Category is { } category ? $"Rank in the category {category}" : "Rank among all suppliers";

    private Dictionary<Guid, string> PreviousLabels { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await grains.GetGrain<ISupplierGrain>(id).GetAsync() is not { } supplier)
        {
            return NotFound();
        }

        Supplier = supplier;
        var ranking = grains.GetRanking();
        var metrics = grains.GetSupplierScorecard(id).GetMetricsAsync();

        // Null while the ranking has not seen the supplier yet (it reads new suppliers every half minute): no responses.
        var scorecard = await ranking.ScorecardAsync(id);
        Settings = (scorecard?.Settings ?? await grains.GetScorecardSettings().GetAsync()).Settings;
        Campaigns = scorecard?.Campaigns ?? [];

        // The scorecard names no period a move is measured from; the campaign's ranking page does.
        foreach (var campaign in Campaigns.Where(c => c.Row.Movement != MovementDirection.None))
        {
            var page = await ranking.QueryAsync(new RankingQuery(RankingPeriod.OfCampaign(campaign.Campaign.Id), Take: 1));
            if (page.PreviousPeriod is { } previous)
            {
                PreviousLabels[campaign.Campaign.Id] = previous.Label;
            }
        }

        if (DimensionCampaign is { } latest)
        {
            Dimensions = await DimensionNames.OfCampaignAsync(grains, latest.Campaign.Id);
        }

        Metrics = await metrics;
        return Page();
    }

    /// <summary>
    /// The campaign's objective metrics in words: their mean score and how it counts, or that its quarter has none.
    /// A campaign blends the metrics of the quarter its deadline falls in.
    /// </summary>
    public string MetricsText(ScorecardCampaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var quarter = MetricQuarter.Of(campaign.Campaign.Deadline);
        if (campaign.Row.MetricsScore is not { } score)
        {
            return $"None imported for {quarter}, the quarter of the deadline.";
        }

        var count = campaign.Row.Metrics.Count;
        var weight = Settings.MetricsWeight > 0 ? $"ranked, weight {ScoreText.Number(Settings.MetricsWeight)}" : "shown, not ranked";
        return $"{ScoreText.OfHundred(score)}: the mean of {count} {(count == 1 ? "metric" : "metrics")} of {quarter}, the quarter of the deadline ({weight}).";
    }

    /// <summary>"ranked, weight 100" or "shown, not ranked".</summary>
    public string WeightNote(RecipientKind group) =>
        Settings.WeightOf(group) > 0 ? $"ranked, weight {ScoreText.Number(Settings.WeightOf(group))}" : "shown, not ranked";

    public string? MovementText(ScorecardCampaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return ScoreText.Movement(campaign.Row.Movement, campaign.Row.MovementP, PreviousLabels.GetValueOrDefault(campaign.Campaign.Id));
    }

    /// <summary>Ranking score and each group's mean across the campaigns, oldest first.</summary>
    public IReadOnlyList<ChartLine> HistoryLines() =>
    [
        new("Ranking score", [.. Campaigns.Select(c => c.Row.RankingScore)]),
        .. ScoreText.Groups.Select(g => new ChartLine($"{ScoreText.GroupName(g)} mean", [.. Campaigns.Select(c => c.GroupOf(g)?.Mean)])),
    ];

    public IHtmlContent HistoryChart()
    {
        var lines = HistoryLines();
        var description = $"{string.Join(", ", lines.Select(l => l.Name))} on a scale of 0 to 100, in {Campaigns.Count} {(Campaigns.Count == 1 ? "campaign" : "campaigns")}"
            + (Campaigns.Count > 0 ? $" from {Campaigns[0].Campaign.Name} to {Campaigns[^1].Campaign.Name}." : ".")
            + " The table below gives the same numbers.";
        return SvgChart.Lines("history-chart", $"Score history of {Supplier.Name}", description, [.. Campaigns.Select(c => c.Campaign.Name)], lines);
    }

    /// <summary>The latest campaign's dimensions: the supplier's mean, then the scope's, by dimension.</summary>
    public IReadOnlyList<(string Id, DimensionResult? Supplier, DimensionResult? Scope)> DimensionRows()
    {
        if (DimensionCampaign is not { } campaign)
        {
            return [];
        }

        var ids = campaign.Row.Dimensions.Select(d => d.DimensionId)
            .Concat(campaign.CategoryDimensions.Select(d => d.DimensionId))
            .Distinct(StringComparer.Ordinal);
        return
        [
            .. ids.Select(id => (
                id,
                campaign.Row.Dimensions.FirstOrDefault(d => d.DimensionId == id),
                campaign.CategoryDimensions.FirstOrDefault(d => d.DimensionId == id))),
        ];
    }

    public string ScopeAverageName => Supplier.Category is { } category ? $"Average of category {category}" : "Average of suppliers without a category";

    public IHtmlContent DimensionChart()
    {
        var campaign = DimensionCampaign!;
        var rows = DimensionRows();
        return SvgChart.Bars(
            "dimension-chart",
            $"Dimensions of {Supplier.Name} in {campaign.Campaign.Name}",
            $"Mean score of each dimension, 0 to 100, for {Supplier.Name} beside the average of the {Scope}, from the ranked respondent groups in {campaign.Campaign.Name}. The table below gives the same numbers.",
            [Supplier.Name, ScopeAverageName],
            [.. rows.Select(r => new ChartRow(Dimensions[r.Id], [r.Supplier?.Mean, r.Scope?.Mean]))]);
    }
}
