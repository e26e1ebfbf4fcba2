using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Pages;
using SupplierQuality.Web.Scorecards;

namespace SupplierQuality.Web.Reviews;

/// <summary>
/// <c>/api/reviews</c>: strategic planning reviews for BI systems, read-only, API keys only (any key reads). And the
/// exports people download from the pages with their sign-in cookie: <c>/reviews/{id}.csv</c>, <c>/reviews/{id}.pdf</c>
/// and <c>/rankings.csv?period=&amp;category=</c>.
/// </summary>
internal static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reviews")
            .WithTags("Reviews")
            .RequireAuthorization(Policies.ApiRead);

        api.MapGet("/", ListReviews)
            .WithName("ListReviews")
            .WithSummary("List strategic planning reviews")
            .WithDescription("Every review, newest first, with its period, scope and status.");

        // The guid constraint turns a malformed id into a 404 before any handler runs.
        api.MapGet("/{id:guid}", GetReview)
            .WithName("GetReview")
            .WithSummary("Get a review")
            .WithDescription("The frozen ranking rows in rank order, each with where the supplier stood in the previous finished review of the same scope and the decision recorded now, and the audit trail oldest first.");

        var exports = app.MapGroup(string.Empty)
            .RequireAuthorization(Policies.SignedIn)
            .ExcludeFromDescription();
        exports.MapGet("/reviews/{id:guid}.csv", ExportReviewCsvAsync).WithName("ExportReviewCsv");
        exports.MapGet("/reviews/{id:guid}.pdf", ExportReviewPdfAsync).WithName("ExportReviewPdf");
        exports.MapGet("/rankings.csv", ExportRankingCsvAsync).WithName("ExportRankingCsv");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<ReviewListItemResponse>>> ListReviews(IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<ReviewListItemResponse>>(
            [.. (await grains.GetReviewDirectory().ListAsync()).Select(ReviewListItemResponse.From)]);

    public static async Task<Results<Ok<ReviewResponse>, NotFound>> GetReview(IGrainFactory grains, Guid id) =>
        await grains.GetReview(id).GetAsync() is { } review ? TypedResults.Ok(ReviewResponse.From(review)) : TypedResults.NotFound();

    private static async Task<Results<NotFound, PushStreamHttpResult>> ExportReviewCsvAsync(
        Guid id, IGrainFactory grains, HttpResponse response)
    {
        if (await grains.GetReview(id).GetAsync() is not { } review)
        {
            return TypedResults.NotFound();
        }

        // Decisions about named suppliers: no copy left in a browser's or a proxy's cache.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(
            stream => ReviewsCsv.WriteReviewAsync(stream, review, response.HttpContext.RequestAborted),
            "text/csv; charset=utf-8",
            ReviewsCsv.FileName(review.Title, ".csv"));
    }

    private static async Task<Results<NotFound, FileContentHttpResult, ProblemHttpResult>> ExportReviewPdfAsync(
        Guid id, IGrainFactory grains, TimeProvider time, HttpResponse response, ILoggerFactory logging)
    {
        if (await grains.GetReview(id).GetAsync() is not { } review)
        {
            return TypedResults.NotFound();
        }

        if (!DejaVuFontResolver.TryInstall())
        {
            logging.CreateLogger(typeof(ReviewsApi)).LogError("{Problem}", DejaVuFontResolver.MissingMessage);
            return TypedResults.Problem(DejaVuFontResolver.MissingMessage, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The PDF export is not available on this node");
        }

        response.Headers.CacheControl = "no-store";
        // In the reader's time zone, as the pages they downloaded it from.
        var pdf = ReviewPdf.Write(review, time.GetUtcNow(), Times.ZoneOf(response.HttpContext.User));
        return TypedResults.File(pdf, "application/pdf", ReviewsCsv.FileName(review.Title, ".pdf"));
    }

    /// <summary>The whole ranking of a period and scope (default: the latest campaign, all suppliers), as the ranking page shows it.</summary>
    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportRankingCsvAsync(
        IGrainFactory grains, HttpResponse response, string? period, string? category)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var periods = await grains.GetRanking().PeriodsAsync();
        RankingPeriod? chosen = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!RankingPeriod.TryParse(period.Trim(), out var parsed))
            {
                errors["period"] = ["Not a period: use campaign:{id}, quarter:{questionnaire id}:2026-4 or year:{questionnaire id}:2026, or leave it out for the latest campaign."];
            }
            else if (!periods.Any(p => p.Period == parsed))
            {
                errors["period"] = ["No responses were given in this period."];
            }
            else
            {
                chosen = parsed;
            }
        }
        else
        {
            chosen = periods.FirstOrDefault(p => p.Period.Kind == RankingPeriodKind.Campaign)?.Period;
        }

        string? scope = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            scope = (await grains.ListSupplierCategoriesAsync()).FirstOrDefault(c => string.Equals(c, category.Trim(), StringComparison.OrdinalIgnoreCase));
            if (scope is null)
            {
                errors["category"] = ["No supplier is in this category."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var ct = response.HttpContext.RequestAborted;
        var snapshot = chosen is null ? null : await RankingSnapshot.ReadAsync(grains, chosen, scope, ct);
        if (chosen is not null && snapshot is null)
        {
            errors["category"] = [$"The ranking holds more than {ReviewRules.MaxSuppliers.ToString("N0", CultureInfo.InvariantCulture)} suppliers: choose a category."];
            return TypedResults.ValidationProblem(errors);
        }

        response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(
            stream => ReviewsCsv.WriteRankingAsync(stream, snapshot?.Page.PreviousPeriod?.Label, snapshot?.Rows ?? [], ct),
            "text/csv; charset=utf-8",
            ReviewsCsv.FileName(string.Join(' ', new[] { "Ranking", snapshot?.Page.Period?.Label, scope }.OfType<string>()), ".csv"));
    }
}

/// <param name="Status">"Open" or "Finished".</param>
internal sealed record ReviewListItemResponse(
    Guid Id,
    string Title,
    string? Category,
    string Period,
    string PeriodLabel,
    string Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? FinishedAt,
    int Suppliers)
{
    public static ReviewListItemResponse From(ReviewSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(summary.Id, summary.Title, summary.Category, summary.Period.ToString(), summary.PeriodLabel, ReviewText.Status(summary.Status),
            summary.CreatedAt, summary.CreatedBy, summary.FinishedAt, summary.Suppliers);
    }
}

internal sealed record ReviewIntervalResponse(double Lower, double Upper);

/// <param name="Text">"was 4th, Preferred, decision Maintain".</param>
internal sealed record PreviousOutcomeResponse(int? Rank, string? Standing, string? Decision, string Text);

internal sealed record ReviewDecisionResponse(string Decision, string Owner, DateOnly Due, string Note, string By, DateTimeOffset At, int Revision);

/// <param name="Standing">In words ("At risk"); null without a score.</param>
/// <param name="Movement">Up or Down when the move since the previous period was significant when frozen; else None.</param>
/// <param name="Previous">Null when the supplier was not in the previous review, or there is none.</param>
/// <param name="Decision">Null until one is recorded.</param>
internal sealed record ReviewRowResponse(
    int? Rank,
    Guid SupplierId,
    string Name,
    string? Category,
    double? RankingScore,
    double? RawScore,
    ReviewIntervalResponse? Interval,
    int Responses,
    int Invited,
    string? Standing,
    bool LowResponse,
    string Movement,
    double? MovementP,
    PreviousOutcomeResponse? Previous,
    ReviewDecisionResponse? Decision);

internal sealed record ReviewAuditResponse(DateTimeOffset At, string By, string What, Guid? SupplierId);

internal sealed record ReviewReferenceResponse(Guid Id, string Title, string PeriodLabel, DateTimeOffset FinishedAt);

internal sealed record ReviewResponse(
    Guid Id,
    string Title,
    string Period,
    string PeriodLabel,
    string? PreviousPeriodLabel,
    string? Category,
    string Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? FinishedAt,
    string? FinishedBy,
    int Revision,
    IReadOnlyList<string> DecisionOptions,
    ReviewReferenceResponse? PreviousReview,
    IReadOnlyList<ReviewRowResponse> Rows,
    IReadOnlyList<ReviewAuditResponse> Audit)
{
    public static ReviewResponse From(ReviewDetails review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return new ReviewResponse(
            review.Id,
            review.Title,
            review.Period.ToString(),
            review.PeriodLabel,
            review.PreviousPeriodLabel,
            review.Category,
            ReviewText.Status(review.Status),
            review.CreatedAt,
            review.CreatedBy,
            review.FinishedAt,
            review.FinishedBy,
            review.Revision,
            review.DecisionOptions,
            review.PreviousReview is { } p ? new ReviewReferenceResponse(p.Id, p.Title, p.PeriodLabel, p.FinishedAt) : null,
            [.. review.Lines.Select(line => Row(review, line))],
            [.. review.Audit.Select(a => new ReviewAuditResponse(a.At, a.By, a.What, a.SupplierId))]);
    }

    private static ReviewRowResponse Row(ReviewDetails review, ReviewLine line)
    {
        var (row, previous, decision) = (line.Row, line.Previous, line.Decision);
        return new ReviewRowResponse(
            row.Rank,
            row.SupplierId,
            row.Name,
            row.Category,
            row.RankingScore,
            row.RawScore,
            row.Lower is { } l && row.Upper is { } u ? new ReviewIntervalResponse(Math.Max(0, l), Math.Min(100, u)) : null,
            row.Responses,
            row.Invited,
            row.Standing is null ? null : ScoreText.StandingName(row.Standing),
            row.LowResponse,
            row.Movement.ToString(),
            row.MovementP,
            previous is null ? null : new PreviousOutcomeResponse(
                previous.Rank, previous.Standing is null ? null : ScoreText.StandingName(previous.Standing), previous.Decision, ReviewText.Previous(review, line)!),
            decision is null ? null : new ReviewDecisionResponse(decision.Decision, decision.Owner, decision.Due, decision.Note, decision.By, decision.At, decision.Revision));
    }
}
