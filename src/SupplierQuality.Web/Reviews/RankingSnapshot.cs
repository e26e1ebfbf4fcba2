using SupplierQuality.Grains.Reviews;
using SupplierQuality.Grains.Scorecards;

namespace SupplierQuality.Web.Reviews;

/// <summary>Every row of one ranking, read page by page: what a review freezes and the ranking CSV holds.</summary>
/// <param name="Page">The first page, for the period's words, the previous period and the settings.</param>
internal sealed record RankingSnapshot(RankingPage Page, IReadOnlyList<RankingRow> Rows)
{
    /// <summary>How often a read that saw the ranking change under it starts again before it settles for what it read.</summary>
    private const int Attempts = 3;

    /// <summary>
    /// Reads the whole ranking, <see cref="RankingQuery.MaxTake"/> rows a call. The ranking has no snapshot read, so an
    /// answer arriving between two pages can move a supplier across their edge (seen twice, or not at all): the read
    /// starts again when the rows do not add up to the total, and keeps each supplier once. Null when the ranking holds
    /// more than a review can (<see cref="ReviewRules.MaxSuppliers"/>).
    /// </summary>
    public static async Task<RankingSnapshot?> ReadAsync(IGrainFactory grains, RankingPeriod period, string? category, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var ranking = grains.GetRanking();
        for (var attempt = 1; ; attempt++)
        {
            var first = await ranking.QueryAsync(new RankingQuery(period, category, Take: RankingQuery.MaxTake));
            if (first.Total > ReviewRules.MaxSuppliers)
            {
                return null;
            }

            var rows = new List<RankingRow>(first.Items);
            var settled = true;
            while (rows.Count < first.Total)
            {
                ct.ThrowIfCancellationRequested();
                var page = await ranking.QueryAsync(new RankingQuery(period, category, Take: RankingQuery.MaxTake, Skip: rows.Count));
                rows.AddRange(page.Items);
                if (page.Total != first.Total || page.Items.Count == 0)
                {
                    settled = false;
                    break;
                }
            }

            var once = rows.DistinctBy(r => r.SupplierId).ToList();
            if ((settled && once.Count == first.Total) || attempt == Attempts)
            {
                return new RankingSnapshot(first, once);
            }
        }
    }
}
