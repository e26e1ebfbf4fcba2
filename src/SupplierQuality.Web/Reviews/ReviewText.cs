using System.Globalization;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Web.Scorecards;

namespace SupplierQuality.Web.Reviews;

/// <summary>A review's words, shared by its pages, the CSV, the PDF and the API.</summary>
internal static class ReviewText
{
    /// <summary>"All suppliers" or "Category Castings".</summary>
    public static string Scope(string? category) => category is null ? "All suppliers" : $"Category {category}";

    /// <summary>"1st", "2nd", "3rd", "4th", "11th", "21st".</summary>
    public static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>
    /// Where the supplier stood in the previous review: "was 4th, Preferred, decision Maintain"; null when there is no
    /// previous review to compare with.
    /// </summary>
    public static string? Previous(ReviewDetails review, ReviewLine line)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(line);
        if (review.PreviousReview is null)
        {
            return null;
        }

        if (line.Previous is not { } previous)
        {
            return "not in the previous review";
        }

        var rank = previous.Rank is { } r ? Ordinal(r) : "unranked";
        var decision = previous.Decision is { } d ? $"decision {d}" : "no decision";
        return $"was {rank}, {ScoreText.StandingName(previous.Standing)}, {decision}";
    }

    /// <summary>"Monitor, owner Ana, due 2027-03-31", or "No decision yet".</summary>
    public static string Decision(ReviewDecision? decision) =>
        decision is null ? "No decision yet" : $"{decision.Decision}, owner {decision.Owner}, due {Date(decision.Due)}";

    /// <summary>The frozen movement in words, or that there was none worth an arrow.</summary>
    public static string Movement(ReviewDetails review, ReviewRow row)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(row);
        return ScoreText.Movement(row.Movement, row.MovementP, review.PreviousPeriodLabel)
            ?? (review.PreviousPeriodLabel is { } since ? $"no significant movement since {since}" : "no earlier period to compare with");
    }

    /// <summary>"72.3 (60.1–84.0)": the ranking score with the 95% interval of the raw score.</summary>
    public static string ScoreWithInterval(ReviewRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.RankingScore is null ? "no score" : $"{ScoreText.Score(row.RankingScore)} ({ScoreText.Interval(row.Lower, row.Upper)})";
    }

    public static string Rank(int? rank) => rank?.ToString(CultureInfo.InvariantCulture) ?? "—";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Status(ReviewStatus status) => status == ReviewStatus.Finished ? "Finished" : "Open";
}
