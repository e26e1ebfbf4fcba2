using System.Globalization;

namespace SupplierQuality.Grains.Scorecards;

[GenerateSerializer, Alias("SupplierQuality.Scorecards.RankingPeriodKind")]
public enum RankingPeriodKind
{
    Campaign = 0,
    Quarter = 1,
    Year = 2,
}

/// <summary>
/// What a ranking covers: one campaign, or the campaigns of one questionnaire (all its versions) whose deadline falls
/// in a calendar quarter or year (UTC). Written in URLs as <c>campaign:{id}</c>, <c>quarter:{questionnaire}:2026-4</c>
/// or <c>year:{questionnaire}:2026</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.RankingPeriod")]
public sealed record RankingPeriod(
    [property: Id(0)] RankingPeriodKind Kind,
    [property: Id(1)] Guid Id,
    [property: Id(2)] int Year = 0,
    [property: Id(3)] int Quarter = 0)
{
    public static RankingPeriod OfCampaign(Guid campaignId) => new(RankingPeriodKind.Campaign, campaignId);

    public static RankingPeriod QuarterOf(Guid questionnaireId, DateTimeOffset at) =>
        new(RankingPeriodKind.Quarter, questionnaireId, at.UtcDateTime.Year, ((at.UtcDateTime.Month - 1) / 3) + 1);

    public static RankingPeriod YearOf(Guid questionnaireId, DateTimeOffset at) =>
        new(RankingPeriodKind.Year, questionnaireId, at.UtcDateTime.Year);

    /// <summary>Whether a campaign of <paramref name="questionnaireId"/> with this deadline belongs to the period.</summary>
    public bool Covers(Guid campaignId, Guid questionnaireId, DateTimeOffset deadline) => Kind switch
    {
        RankingPeriodKind.Campaign => campaignId == Id,
        RankingPeriodKind.Quarter => questionnaireId == Id && QuarterOf(questionnaireId, deadline) == this,
        _ => questionnaireId == Id && deadline.UtcDateTime.Year == Year,
    };

    /// <summary>The quarter or year before this one; null for a campaign (its predecessor depends on the campaigns).</summary>
    public RankingPeriod? Previous() => Kind switch
    {
        RankingPeriodKind.Quarter => Quarter == 1 ? this with { Year = Year - 1, Quarter = 4 } : this with { Quarter = Quarter - 1 },
        RankingPeriodKind.Year => this with { Year = Year - 1 },
        _ => null,
    };

    public override string ToString() => Kind switch
    {
        RankingPeriodKind.Campaign => $"campaign:{Id:N}",
        RankingPeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"quarter:{Id:N}:{Year}-{Quarter}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"year:{Id:N}:{Year}"),
    };

    public static bool TryParse(string? text, out RankingPeriod period)
    {
        period = null!;
        var parts = (text ?? string.Empty).Split(':');
        if (parts.Length < 2 || !Guid.TryParse(parts[1], out var id))
        {
            return false;
        }

        switch (parts[0])
        {
            case "campaign" when parts.Length == 2:
                period = OfCampaign(id);
                return true;
            case "quarter" when parts.Length == 3 && parts[2].Split('-') is [var y, var q]
                && int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 9999
                && int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var quarter) && quarter is >= 1 and <= 4:
                period = new RankingPeriod(RankingPeriodKind.Quarter, id, year, quarter);
                return true;
            case "year" when parts.Length == 3
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var whole) && whole is >= 2000 and <= 9999:
                period = new RankingPeriod(RankingPeriodKind.Year, id, whole);
                return true;
            default:
                return false;
        }
    }
}
