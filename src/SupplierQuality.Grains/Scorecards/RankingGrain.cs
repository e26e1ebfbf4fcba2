using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Grains.Webhooks;

namespace SupplierQuality.Grains.Scorecards;

/// <summary>
/// Holds every supplier's scorecard lines and objective metrics in memory and computes rankings from them on demand.
/// Nothing is stored: the scorecards are the record, so a new activation reads them all once (see
/// docs/adr/0002-rankings-in-memory.md). A period blends the metrics of its quarters: a quarter its own, a year its
/// four, a campaign the quarter of its deadline, which is the quarter whose ranking the campaign belongs to.
/// </summary>
[GrainType("ranking")]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class RankingGrain : Grain, IRankingGrain
{
    private const int ParallelReads = 64;

    // Names and categories change outside the scorecards; the directory is read again at most this often.
    private static readonly TimeSpan SupplierRefresh = TimeSpan.FromSeconds(30);

    // A ranking and a category's dimension averages take time in proportion to the supply base:
    // each is computed for every reader of the same scope, again once the data changed, and while answers keep
    // arriving at most this often, so readers never queue behind a walk over every supplier per request.
    private static readonly TimeSpan RankedReuse = TimeSpan.FromSeconds(1);
    private const int MaxRankedScopes = 64;

    private readonly Dictionary<Guid, IReadOnlyList<CampaignScores>> _lines = [];
    private readonly Dictionary<Guid, IReadOnlyList<MetricValue>> _metrics = [];
    private readonly Dictionary<Guid, RankedCampaign> _campaigns = [];
    private Dictionary<Guid, RankedSupplier> _suppliers = [];
    private long? _suppliersReadAt;

    /// <summary>One more with every change to what a ranking is computed from.</summary>
    private long _dataVersion;

    private readonly Dictionary<(RankingPeriod Period, RankingPeriod? Previous, string? Category, int Settings), Ranked> _ranked = [];

    /// <summary>Per campaign, how many suppliers have an answer in it: the campaigns the periods are listed from.</summary>
    private readonly Dictionary<Guid, int> _answeredSuppliers = [];

    /// <summary>Announces standing changes as webhooks (standing.changed), on a timer of its own.</summary>
    private StandingWatch? _standings;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync();
        var settings = await GrainFactory.GetScorecardSettings().GetAsync();
        var periods = Periods();
        _standings = new StandingWatch(ServiceProvider.GetRequiredService<ILogger<StandingWatch>>());
        _standings.Begin(settings.Version, periods, RankFor(periods, settings.Settings));

        // Lives as long as the activation, which the age limit keeps.
        _ = this.RegisterGrainTimer(CheckStandingsAsync, new GrainTimerCreationOptions(StandingWatch.Interval, StandingWatch.Interval));
    }

    public async Task ReloadAsync()
    {
        _dataVersion++;
        _ranked.Clear();
        _lines.Clear();
        _answeredSuppliers.Clear();
        _metrics.Clear();
        _campaigns.Clear();
        await RefreshSuppliersAsync(force: true);
        foreach (var chunk in _suppliers.Keys.Chunk(ParallelReads))
        {
            var read = await Task.WhenAll(chunk.Select(async id =>
            {
                var scorecard = GrainFactory.GetSupplierScorecard(id);
                return (id, lines: await scorecard.GetAsync(), metrics: await scorecard.GetMetricsAsync());
            }));
            foreach (var (id, lines, metrics) in read)
            {
                if (lines.Count > 0)
                {
                    _lines[id] = lines;
                    CountAnswered(lines, +1);
                }

                if (metrics.Count > 0)
                {
                    _metrics[id] = [.. metrics.Select(m => m.Metric)];
                }
            }
        }

        await KnowCampaignsAsync(_lines.Values.SelectMany(l => l).Select(l => l.CampaignId));
        _standings?.TouchAll();
    }

    public async Task UpdateSupplierAsync(Guid supplierId, IReadOnlyList<CampaignScores> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var before = _lines.GetValueOrDefault(supplierId) ?? [];

        // Orleans does not keep one-way messages in order: a line never goes back to an earlier revision.
        lines = [.. lines.Select(l => before.FirstOrDefault(b => b.CampaignId == l.CampaignId) is { } held && held.Revision > l.Revision ? held : l)];
        _lines[supplierId] = lines;
        CountAnswered(before, -1);
        CountAnswered(lines, +1);
        _dataVersion++;
        await KnowSupplierAsync(supplierId);
        await KnowCampaignsAsync(lines.Select(l => l.CampaignId));
        _standings?.Touch(PeriodsOf(lines.Where(l => !before.Any(b => b.CampaignId == l.CampaignId && b.Revision == l.Revision)).Select(l => l.CampaignId)));
    }

    public async Task UpdateMetricsAsync(Guid supplierId, IReadOnlyList<MetricValue> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics[supplierId] = metrics;
        _dataVersion++;
        await KnowSupplierAsync(supplierId);
        _standings?.Touch(PeriodsOf((_lines.GetValueOrDefault(supplierId) ?? []).Select(l => l.CampaignId)));
    }

    private async Task CheckStandingsAsync(CancellationToken cancellationToken)
    {
        var settings = await GrainFactory.GetScorecardSettings().GetAsync();

        var periods = Periods();
        await _standings!.CheckAsync(GrainFactory, settings.Version, periods, RankFor(periods, settings.Settings));
    }

    private Func<RankingPeriod, string?, IReadOnlyList<RankingRow>> RankFor(List<RankingPeriodOption> periods, ScorecardSettings settings) =>
        (period, category) => Rank(period, PreviousOf(period, periods), category, settings);

    /// <summary>The campaign, quarter and year rankings the campaigns' scores count in.</summary>
    private IEnumerable<RankingPeriod> PeriodsOf(IEnumerable<Guid> campaignIds) =>
        campaignIds.Select(id => _campaigns.GetValueOrDefault(id)).OfType<RankedCampaign>().SelectMany(c => new[]
        {
            RankingPeriod.OfCampaign(c.Id), RankingPeriod.QuarterOf(c.QuestionnaireId, c.Deadline), RankingPeriod.YearOf(c.QuestionnaireId, c.Deadline),
        });

    public async Task<RankingPage> QueryAsync(RankingQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await RefreshSuppliersAsync(force: false);
        var settings = await GrainFactory.GetScorecardSettings().GetAsync();
        var periods = Periods();
        var period = query.Period is null
            ? periods.FirstOrDefault(p => p.Period.Kind == RankingPeriodKind.Campaign)
            : periods.FirstOrDefault(p => p.Period == query.Period) ?? Describe(query.Period);
        if (period is null)
        {
            return new RankingPage(null, null, query.Category, null, 0, [], settings, []);
        }

        var previous = PreviousOf(period.Period, periods);
        var ranked = RankShared(period.Period, previous, string.IsNullOrWhiteSpace(query.Category) ? null : query.Category, settings);
        var rows = ranked.Rows;
        var scored = rows.Where(r => r.RawScore is not null).ToList();
        double? mean = scored.Count == 0 ? null : scored.Average(r => r.RawScore!.Value);

        IEnumerable<RankingRow> matching = rows;
        if (!string.IsNullOrWhiteSpace(query.Standing))
        {
            matching = matching.Where(r => string.Equals(r.Standing?.ToString(), query.Standing, StringComparison.OrdinalIgnoreCase));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            matching = matching.Where(r => r.Name.Contains(query.Search.Trim(), StringComparison.OrdinalIgnoreCase));
        }

        matching = Sort(matching, query.Sort, query.Descending);
        var list = matching.ToList();
        var take = Math.Clamp(query.Take, 1, RankingQuery.MaxTake);
        var skip = Math.Clamp(query.Skip, 0, list.Count);
        return new RankingPage(period, previous, query.Category, mean, list.Count, list.GetRange(skip, Math.Min(take, list.Count - skip)), settings, ranked.DimensionIds);
    }

    public Task<IReadOnlyList<RankingPeriodOption>> PeriodsAsync() => Task.FromResult<IReadOnlyList<RankingPeriodOption>>(Periods());

    public async Task<SupplierScorecard?> ScorecardAsync(Guid supplierId)
    {
        await RefreshSuppliersAsync(force: false);
        if (!_suppliers.TryGetValue(supplierId, out var supplier))
        {
            return null;
        }

        var settings = await GrainFactory.GetScorecardSettings().GetAsync();
        var periods = Periods();
        var campaigns = new List<ScorecardCampaign>();
        foreach (var line in _lines.GetValueOrDefault(supplierId) ?? [])
        {
            if (!_campaigns.TryGetValue(line.CampaignId, out var campaign))
            {
                continue;
            }

            var period = RankingPeriod.OfCampaign(campaign.Id);
            var ranked = RankShared(period, PreviousOf(period, periods), supplier.Category, settings);
            if (ranked.Rows.FirstOrDefault(r => r.SupplierId == supplierId) is not { } row)
            {
                continue;
            }

            ranked.CategoryDimensions ??= RankingCalculator.Dimensions(SupplierLines()
                .Where(s => string.Equals(s.Supplier.Category, supplier.Category, StringComparison.OrdinalIgnoreCase))
                .SelectMany(s => RankingCalculator.Merge(s.Lines, CampaignsIn(period)).Values)
                .Where(g => settings.Settings.WeightOf(g.Group) > 0));
            campaigns.Add(new ScorecardCampaign(campaign, row, ranked.RankedCount, ranked.CategoryDimensions));
        }

        return new SupplierScorecard(supplier, [.. campaigns.OrderBy(c => c.Campaign.Deadline)], settings);
    }

    /// <summary><see cref="Rank"/> for readers: computed once for all of them (see <see cref="RankedReuse"/>).</summary>
    private Ranked RankShared(RankingPeriod period, RankingPeriodOption? previous, string? category, ScorecardSettingsVersion settings)
    {
        var scope = (period, previous?.Period, category?.ToUpperInvariant(), settings.Version);
        if (_ranked.TryGetValue(scope, out var held) && Reusable(held.DataVersion, held.At))
        {
            return held;
        }

        if (_ranked.Count >= MaxRankedScopes)
        {
            _ranked.Clear();
        }

        var ranked = new Ranked(_dataVersion, Stopwatch.GetTimestamp(), Rank(period, previous, category, settings.Settings));
        _ranked[scope] = ranked;
        return ranked;
    }

    private void CountAnswered(IEnumerable<CampaignScores> lines, int change)
    {
        foreach (var line in lines.Where(l => l.Groups.Any(g => g.Responded > 0)))
        {
            var count = _answeredSuppliers.GetValueOrDefault(line.CampaignId) + change;
            if (count > 0)
            {
                _answeredSuppliers[line.CampaignId] = count;
            }
            else
            {
                _answeredSuppliers.Remove(line.CampaignId);
            }
        }
    }

    /// <summary>Whether what was computed at <paramref name="at"/> from <paramref name="dataVersion"/> may still be shown (see <see cref="RankedReuse"/>).</summary>
    private bool Reusable(long dataVersion, long at) => dataVersion == _dataVersion || Stopwatch.GetElapsedTime(at) < RankedReuse;

    /// <summary>The scope's ranking for the period, movements measured against <paramref name="previous"/>.</summary>
    private IReadOnlyList<RankingRow> Rank(RankingPeriod period, RankingPeriodOption? previous, string? category, ScorecardSettings settings) =>
        RankingCalculator.Rank(
            SupplierLines(), PartsOf(period), previous is null ? RankingCalculator.PeriodParts.None : PartsOf(previous.Period), category, settings);

    private IEnumerable<RankingCalculator.SupplierLines> SupplierLines() =>
        _lines.Select(l => new RankingCalculator.SupplierLines(
            _suppliers.GetValueOrDefault(l.Key) ?? new RankedSupplier(l.Key, "(unknown supplier)", null), l.Value, _metrics.GetValueOrDefault(l.Key) ?? []));

    private HashSet<Guid> CampaignsIn(RankingPeriod period) =>
        [.. _campaigns.Values.Where(c => period.Covers(c.Id, c.QuestionnaireId, c.Deadline)).Select(c => c.Id)];

    private RankingCalculator.PeriodParts PartsOf(RankingPeriod period) => new(CampaignsIn(period), QuartersOf(period));

    /// <summary>The quarters whose metrics blend into the period; none for a campaign the ranking does not know.</summary>
    private HashSet<MetricQuarter> QuartersOf(RankingPeriod period) => period.Kind switch
    {
        RankingPeriodKind.Campaign => _campaigns.TryGetValue(period.Id, out var campaign) ? [MetricQuarter.Of(campaign.Deadline)] : [],
        RankingPeriodKind.Quarter => [new MetricQuarter(period.Year, period.Quarter)],
        _ => [.. MetricQuarter.OfYear(period.Year)],
    };

    /// <summary>Campaigns with any response, newest first; then each quarter and year in which they closed.</summary>
    private List<RankingPeriodOption> Periods()
    {
        var campaigns = _campaigns.Values.Where(c => _answeredSuppliers.ContainsKey(c.Id)).OrderByDescending(c => c.Deadline).ToList();
        var options = campaigns.Select(c => new RankingPeriodOption(RankingPeriod.OfCampaign(c.Id), c.Name, c.Deadline)).ToList();
        foreach (var c in campaigns)
        {
            foreach (var period in new[] { RankingPeriod.QuarterOf(c.QuestionnaireId, c.Deadline), RankingPeriod.YearOf(c.QuestionnaireId, c.Deadline) })
            {
                if (!options.Exists(o => o.Period == period))
                {
                    options.Add(Describe(period));
                }
            }
        }

        return options;
    }

    private RankingPeriodOption Describe(RankingPeriod period)
    {
        if (period.Kind == RankingPeriodKind.Campaign)
        {
            var campaign = _campaigns.GetValueOrDefault(period.Id);
            return new RankingPeriodOption(period, campaign?.Name ?? "Unknown campaign", campaign?.Deadline ?? DateTimeOffset.MinValue);
        }

        var questionnaire = _campaigns.Values.Where(c => c.QuestionnaireId == period.Id).OrderByDescending(c => c.Deadline).FirstOrDefault();
        var name = questionnaire is null ? "questionnaire" : $"campaigns like {questionnaire.Name}";
        return period.Kind == RankingPeriodKind.Quarter
            ? new RankingPeriodOption(period, $"Q{period.Quarter} {period.Year}, {name}", new DateTimeOffset(period.Year, period.Quarter * 3, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1))
            : new RankingPeriodOption(period, $"{period.Year}, {name}", new DateTimeOffset(period.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>The previous quarter or year; for a campaign, the one of the same questionnaire that closed last before it.</summary>
    private RankingPeriodOption? PreviousOf(RankingPeriod period, List<RankingPeriodOption> periods)
    {
        if (period.Previous() is { } before)
        {
            return periods.FirstOrDefault(p => p.Period == before);
        }

        if (!_campaigns.TryGetValue(period.Id, out var campaign))
        {
            return null;
        }

        return periods
            .Where(p => p.Period.Kind == RankingPeriodKind.Campaign
                && _campaigns.TryGetValue(p.Period.Id, out var other)
                && other.QuestionnaireId == campaign.QuestionnaireId
                && other.Deadline < campaign.Deadline)
            .MaxBy(p => p.End);
    }

    private static IEnumerable<RankingRow> Sort(IEnumerable<RankingRow> rows, RankingSort sort, bool descending)
    {
        var ordered = sort switch
        {
            RankingSort.Name => rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
            RankingSort.Responses => rows.OrderByDescending(r => r.Responses),
            RankingSort.ResponseRate => rows.OrderByDescending(r => r.ResponseRate ?? -1),
            _ => rows.OrderBy(r => r.Rank ?? int.MaxValue),
        };
        return descending ? ordered.Reverse() : ordered;
    }

    private async Task KnowSupplierAsync(Guid supplierId)
    {
        if (!_suppliers.ContainsKey(supplierId) && await GrainFactory.GetGrain<ISupplierGrain>(supplierId).GetAsync() is { } supplier)
        {
            _suppliers[supplierId] = new RankedSupplier(supplier.Id, supplier.Name, supplier.Category);
            _dataVersion++;
        }
    }

    private async Task KnowCampaignsAsync(IEnumerable<Guid> campaignIds)
    {
        foreach (var id in campaignIds.Distinct().Where(id => !_campaigns.ContainsKey(id)).ToList())
        {
            if (await GrainFactory.GetGrain<ICampaignGrain>(id).GetAsync() is { } campaign)
            {
                _campaigns[id] = new RankedCampaign(id, campaign.Definition.Name, campaign.Definition.QuestionnaireId, campaign.Definition.Deadline);
                _dataVersion++;
            }
        }
    }

    private async Task RefreshSuppliersAsync(bool force)
    {
        // A cache age, not a business time: measured on the machine's clock like Orleans' own timers.
        if (!force && _suppliersReadAt is { } readAt && Stopwatch.GetElapsedTime(readAt) < SupplierRefresh)
        {
            return;
        }

        var everyone = await GrainFactory.QuerySuppliersAsync(SupplierFilter.Everyone);
        _suppliers = everyone.First.ToDictionary(e => e.Id, e => new RankedSupplier(e.Id, e.Name, e.Category));
        _suppliersReadAt = Stopwatch.GetTimestamp();
        _dataVersion++;

        // A campaign's deadline can move it into another period.
        var known = _campaigns.Keys.ToList();
        _campaigns.Clear();
        await KnowCampaignsAsync(known);
    }

    /// <summary>A scope's ranking as computed for its readers, with what they read of all of it.</summary>
    /// <param name="at">A <see cref="Stopwatch"/> timestamp.</param>
    private sealed class Ranked(long dataVersion, long at, IReadOnlyList<RankingRow> rows)
    {
        public long DataVersion => dataVersion;

        public long At => at;

        public IReadOnlyList<RankingRow> Rows => rows;

        public int RankedCount { get; } = rows.Count(r => r.Rank is not null);

        public string[] DimensionIds { get; } =
            [.. rows.SelectMany(r => r.Dimensions).Select(d => d.DimensionId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

        /// <summary>The scope's dimension averages a supplier's scorecard compares with: computed when first asked for.</summary>
        public IReadOnlyList<DimensionResult>? CategoryDimensions { get; set; }
    }
}
