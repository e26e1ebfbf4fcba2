using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Scorecards;

/// <summary>
/// Count, sum and sum of squares of some 0-100 scores: what <see cref="Aggregate"/> holds, in a shape Orleans
/// serializes and storage writes. Sums, not the scores, so lines from several campaigns merge by addition.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.ScoreSums")]
public sealed record ScoreSums(
    [property: Id(0)] int Count,
    [property: Id(1)] double Sum,
    [property: Id(2)] double SumOfSquares)
{
    public static ScoreSums Empty { get; } = new(0, 0, 0);

    public Aggregate ToAggregate() => new(Count, Sum, SumOfSquares);

    public static ScoreSums From(Aggregate aggregate) => new(aggregate.Count, aggregate.Sum, aggregate.SumOfSquares);

    public static ScoreSums Of(IEnumerable<double> scores) => From(Aggregate.Of(scores));

    public ScoreSums Plus(ScoreSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return From(ToAggregate().Combine(other.ToAggregate()));
    }
}

[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.DimensionSums")]
public sealed record DimensionSums(
    [property: Id(0)] string DimensionId,
    [property: Id(1)] ScoreSums Scores);

/// <summary>
/// One respondent group's answers for one supplier in one campaign: who was asked, who answered, and the sums of
/// their latest responses' overall and dimension scores and NPS categories. Groups are never merged here.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.GroupScores")]
public sealed record GroupScores(
    [property: Id(0)] RecipientKind Group,
    [property: Id(1)] int Invited,
    [property: Id(2)] int Responded,
    [property: Id(3)] ScoreSums Overall,
    [property: Id(4)] IReadOnlyList<DimensionSums> Dimensions,
    [property: Id(5)] int Promoters,
    [property: Id(6)] int Passives,
    [property: Id(7)] int Detractors)
{
    // Derived, so not stored: the JSON grain storage would write it with its type, and refuse that type on reading.
    [Newtonsoft.Json.JsonIgnore]
    public NpsCounts Nps => new(Promoters, Passives, Detractors);

    public GroupScores Plus(GroupScores other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var dimensions = Dimensions.Concat(other.Dimensions)
            .GroupBy(d => d.DimensionId, StringComparer.Ordinal)
            .Select(g => new DimensionSums(g.Key, g.Select(d => d.Scores).Aggregate(ScoreSums.Empty, (a, b) => a.Plus(b))))
            .ToArray();
        return new GroupScores(
            Group, Invited + other.Invited, Responded + other.Responded, Overall.Plus(other.Overall), dimensions,
            Promoters + other.Promoters, Passives + other.Passives, Detractors + other.Detractors);
    }

    public static GroupScores Empty(RecipientKind group) => new(group, 0, 0, ScoreSums.Empty, [], 0, 0, 0);
}

/// <summary>
/// A supplier's scores in one campaign, per respondent group, as its supplier-campaign grain computed them at
/// <see cref="Revision"/>. A newer revision replaces an older one whole, so a repeated or late report changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Scorecards.CampaignScores")]
public sealed record CampaignScores(
    [property: Id(0)] Guid CampaignId,
    [property: Id(1)] int Revision,
    [property: Id(2)] IReadOnlyList<GroupScores> Groups)
{
    /// <summary>
    /// The same scores held in arrays throughout, so they read back (docs/adr/0004: the list type the compiler makes
    /// for a collection expression cannot be).
    /// </summary>
    public CampaignScores ForStorage() =>
        this with { Groups = Groups.Select(g => g with { Dimensions = g.Dimensions.ToArray() }).ToArray() };

    /// <summary>
    /// The groups' scores from the latest applied response of each invitation: an edited response counts once, with
    /// its latest scores. A group nobody of was invited is left out.
    /// </summary>
    public static CampaignScores From(Guid campaignId, int revision, IEnumerable<InvitationEntry> invitations)
    {
        ArgumentNullException.ThrowIfNull(invitations);
        var groups = invitations
            .GroupBy(e => e.Kind)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var answered = g.Select(e => e.Progress).Where(p => p.ResponseVersion > 0).ToList();
                var nps = answered.SelectMany(p => p.Scores?.Nps ?? []).ToList();
                return new GroupScores(
                    g.Key,
                    g.Count(),
                    answered.Count,
                    ScoreSums.Of(answered.Where(p => p.Scores?.Overall is not null).Select(p => (double)p.Scores!.Overall!.Value)),
                    // An array, not a collection expression: that would store a compiler-made list type, which
                    // the JSON grain storage (SQLite, PostgreSQL) refuses to read back.
                    answered.SelectMany(p => p.Scores?.Dimensions ?? [])
                        .GroupBy(d => d.DimensionId, StringComparer.Ordinal)
                        .Select(d => new DimensionSums(d.Key, ScoreSums.Of(d.Select(s => (double)s.Score))))
                        .ToArray(),
                    nps.Count(n => n.Category == NpsCategory.Promoter),
                    nps.Count(n => n.Category == NpsCategory.Passive),
                    nps.Count(n => n.Category == NpsCategory.Detractor));
            })
            .ToArray();
        return new CampaignScores(campaignId, revision, groups);
    }
}
