using Microsoft.AspNetCore.Http.HttpResults;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Scorecards;

/// <summary>
/// <c>/api/rankings</c> and <c>/api/suppliers/{id}/scorecard</c>: rankings and scorecards for BI systems, the same
/// numbers as the pages (both read the ranking grain). API keys only; any key reads. Standings and respondent groups
/// are words, as the pages write them; scores are 0-100 and unrounded (the pages show one decimal).
/// </summary>
internal static class ScorecardsApi
{
    public const int DefaultTake = 50;

    public static RouteGroupBuilder MapScorecardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api")
            .WithTags("Scorecards")
            .RequireAuthorization(Policies.ApiRead);

        api.MapGet("/rankings", GetRanking)
            .WithName("GetRanking")
            .WithSummary("A page of a supplier ranking")
            .WithDescription($"period is campaign:{{id}}, quarter:{{questionnaire id}}:2026-4 or year:{{questionnaire id}}:2026 (default: the latest campaign with responses); category (whole, any case), standing (strategic, preferred, approved, conditional, at-risk) and search (part of the name) filter; sort is rank, name, responses or response-rate; skip and take page (take 1 to {RankingQuery.MaxTake}, default {DefaultTake}).");

        // The guid constraint turns a malformed id into a 404 before any handler runs.
        api.MapGet("/suppliers/{id:guid}/scorecard", GetScorecard)
            .WithName("GetSupplierScorecard")
            .WithSummary("A supplier's scorecard")
            .WithDescription("Each campaign that reached the supplier, oldest first, ranked within the supplier's category, with the respondent groups apart, the objective metrics of the campaign's quarter and the category's dimension means; then every objective metric of the supplier, newest quarter first, with its 0-100 score.");

        return api;
    }

    public static async Task<Results<Ok<RankingResponse>, ValidationProblem>> GetRanking(
        IGrainFactory grains, string? period, string? category, string? standing, string? search, string? sort, int? skip, int? take)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var filter = RankingFilter.Parse(period, category, standing, search, sort, errors);
        if (skip < 0)
        {
            errors["skip"] = ["Skip must be 0 or more."];
        }

        if (take is < 1 or > RankingQuery.MaxTake)
        {
            errors["take"] = [$"Take must be between 1 and {RankingQuery.MaxTake}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await grains.GetRanking().QueryAsync(filter.ToQuery(skip ?? 0, take ?? DefaultTake));
        var settings = page.Settings.Settings;
        return TypedResults.Ok(new RankingResponse(
            page.Period?.Period.ToString(),
            page.Period?.Label,
            page.PreviousPeriod?.Period.ToString(),
            page.PreviousPeriod?.Label,
            page.Category,
            page.ScopeMean,
            page.Total,
            skip ?? 0,
            take ?? DefaultTake,
            page.Settings.Version,
            ScoreText.RankingRule(settings),
            page.DimensionIds,
            [.. page.Items.Select(r => RankingRowResponse.From(r, settings))]));
    }

    public static async Task<Results<Ok<ScorecardResponse>, NotFound>> GetScorecard(IGrainFactory grains, Guid id)
    {
        if (await grains.GetGrain<ISupplierGrain>(id).GetAsync() is not { } supplier)
        {
            return TypedResults.NotFound();
        }

        // Null while the ranking has not seen the supplier yet: a known supplier without responses has no campaigns.
        var metrics = grains.GetSupplierScorecard(id).GetMetricsAsync();
        var scorecard = await grains.GetRanking().ScorecardAsync(id);
        var settings = scorecard?.Settings ?? await grains.GetScorecardSettings().GetAsync();
        return TypedResults.Ok(new ScorecardResponse(
            supplier.Id,
            supplier.Name,
            supplier.Category,
            settings.Version,
            ScoreText.RankingRule(settings.Settings),
            [
                .. (scorecard?.Campaigns ?? []).Select(c => new ScorecardCampaignResponse(
                    c.Campaign.Id,
                    c.Campaign.Name,
                    c.Campaign.Deadline,
                    RankingPeriod.OfCampaign(c.Campaign.Id).ToString(),
                    c.RankedSuppliers,
                    RankingRowResponse.From(c.Row, settings.Settings),
                    c.CategoryDimensions)),
            ],
            [.. (await metrics).Select(MetricResponse.From)]));
    }
}

/// <summary>
/// A 95% t-interval of a mean as computed, so a caller can check it; with few responses it may reach past 0 or 100,
/// where the pages cut it for display.
/// </summary>
internal sealed record IntervalResponse(double Lower, double Upper)
{
    public static IntervalResponse? From(double? lower, double? upper) =>
        lower is { } l && upper is { } u ? new(l, u) : null;
}

/// <param name="Period">The period's string form, for the next request's <c>period</c>; null when nothing has responses yet.</param>
/// <param name="Rule">The sentence the ranking page shows: which groups rank with which weight, and m.</param>
internal sealed record RankingResponse(
    string? Period,
    string? PeriodLabel,
    string? PreviousPeriod,
    string? PreviousPeriodLabel,
    string? Category,
    double? ScopeMean,
    int Total,
    int Skip,
    int Take,
    int SettingsVersion,
    string Rule,
    IReadOnlyList<string> DimensionIds,
    IReadOnlyList<RankingRowResponse> Items);

/// <param name="Group">"Internal evaluation" or "Self-assessment".</param>
/// <param name="Ranked">Whether the group's weight counts it in the ranking score; a group of weight 0 is shown, not ranked.</param>
internal sealed record GroupResponse(
    string Group,
    bool Ranked,
    double Weight,
    int Invited,
    int Responses,
    double? Mean,
    double? StandardDeviation,
    IntervalResponse? Interval,
    double? Nps,
    int NpsAnswers,
    int Promoters,
    int Passives,
    int Detractors);

/// <summary>An objective metric in a ranking row: its score for the period, the mean over the period's quarters that have it.</summary>
/// <param name="Direction">"higher" or "lower": which is better.</param>
internal sealed record MetricResultResponse(string Metric, string Direction, double Score, int Quarters)
{
    public static MetricResultResponse From(MetricResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Name, MetricInput.DirectionWord(result.Direction), result.Score, result.Quarters);
    }
}

/// <summary>A stored objective metric of a supplier, as imported, with its 0-100 score against its target.</summary>
/// <param name="Period">The quarter, such as 2026-Q4.</param>
/// <param name="Worst">The value that scores 0, when one was given.</param>
internal sealed record MetricResponse(
    string Period, string Metric, double Value, double Target, string Direction, double? Worst, double? Score, DateTimeOffset ImportedAt)
{
    public static MetricResponse From(StoredMetric stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var m = stored.Metric;
        return new(m.Period.ToString(), m.Name, m.Value, m.Target, MetricInput.DirectionWord(m.Direction), m.Worst, m.Score(), stored.ImportedAt);
    }
}

/// <param name="Standing">In words ("At risk"); null without a score.</param>
/// <param name="Movement">Up or Down only when the move since the previous period is significant (Welch's test, p &lt; 0.05); else None.</param>
internal sealed record RankingRowResponse(
    int? Rank,
    Guid SupplierId,
    string Name,
    string? Category,
    double? RankingScore,
    double? RawScore,
    IntervalResponse? Interval,
    int Responses,
    int Invited,
    double? ResponseRate,
    string? Standing,
    bool LowResponse,
    string Movement,
    double? MovementP,
    double? PreviousRawScore,
    IReadOnlyList<GroupResponse> Groups,
    IReadOnlyList<DimensionResult> Dimensions,
    double? MetricsScore,
    IReadOnlyList<MetricResultResponse> Metrics)
{
    public static RankingRowResponse From(RankingRow row, ScorecardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(settings);
        return new RankingRowResponse(
            row.Rank,
            row.SupplierId,
            row.Name,
            row.Category,
            row.RankingScore,
            row.RawScore,
            IntervalResponse.From(row.Lower, row.Upper),
            row.Responses,
            row.Invited,
            row.ResponseRate,
            row.Standing is { } standing ? ScoreText.StandingName(standing) : null,
            row.LowResponse,
            row.Movement.ToString(),
            row.MovementP,
            row.PreviousRawScore,
            [.. row.Groups.Select(g => Group(g, settings))],
            row.Dimensions,
            row.MetricsScore,
            [.. row.Metrics.Select(MetricResultResponse.From)]);
    }

    private static GroupResponse Group(GroupResult group, ScorecardSettings settings) => new(
        ScoreText.GroupName(group.Group),
        settings.WeightOf(group.Group) > 0,
        settings.WeightOf(group.Group),
        group.Invited,
        group.Responses,
        group.Mean,
        group.StandardDeviation,
        IntervalResponse.From(group.Lower, group.Upper),
        group.Nps,
        group.NpsAnswers,
        group.Promoters,
        group.Passives,
        group.Detractors);
}

internal sealed record ScorecardCampaignResponse(
    Guid CampaignId,
    string Name,
    DateTimeOffset Deadline,
    string Period,
    int RankedSuppliers,
    RankingRowResponse Row,
    IReadOnlyList<DimensionResult> CategoryDimensions);

internal sealed record ScorecardResponse(
    Guid SupplierId,
    string Name,
    string? Category,
    int SettingsVersion,
    string Rule,
    IReadOnlyList<ScorecardCampaignResponse> Campaigns,
    IReadOnlyList<MetricResponse> Metrics);
