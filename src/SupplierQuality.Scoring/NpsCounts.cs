namespace SupplierQuality.Scoring;

/// <summary>
/// Net Promoter Score counts of 0-10 ratings: promoters 9-10, passives 7-8, detractors 0-6. The score is
/// %promoters − %detractors, from −100 to 100, and none when there is no rating.
/// </summary>
public readonly record struct NpsCounts(int Promoters, int Passives, int Detractors)
{
    public int Promoters { get; } = NonNegative(Promoters, nameof(Promoters));

    public int Passives { get; } = NonNegative(Passives, nameof(Passives));

    public int Detractors { get; } = NonNegative(Detractors, nameof(Detractors));

    public int Total => Promoters + Passives + Detractors;

    public double? Value => Total == 0 ? null : 100.0 * (Promoters - Detractors) / Total;

    public NpsCounts Add(int rating) => Shift(Checked(rating), 1);

    /// <summary>Withdraws a rating that was added before, as when a respondent changes an answer.</summary>
    public NpsCounts Remove(int rating)
    {
        var alreadyEmpty = GroupOf(rating) switch { NpsGroup.Promoter => Promoters, NpsGroup.Passive => Passives, _ => Detractors } == 0;
        return alreadyEmpty
            ? throw new InvalidOperationException($"Cannot remove a rating of {rating}: no rating of its kind was added.")
            : Shift(rating, -1);
    }

    /// <summary>Promoters 9-10, passives 7-8, detractors 0-6.</summary>
    public static NpsGroup GroupOf(int rating) => Checked(rating) switch
    {
        >= 9 => NpsGroup.Promoter,
        >= 7 => NpsGroup.Passive,
        _ => NpsGroup.Detractor,
    };

    private NpsCounts Shift(int rating, int by) => GroupOf(rating) switch
    {
        NpsGroup.Promoter => new NpsCounts(Promoters + by, Passives, Detractors),
        NpsGroup.Passive => new NpsCounts(Promoters, Passives + by, Detractors),
        _ => new NpsCounts(Promoters, Passives, Detractors + by),
    };

    private static int Checked(int rating) => rating is >= 0 and <= 10
        ? rating
        : throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating is from 0 to 10.");

    private static int NonNegative(int count, string name) =>
        count >= 0 ? count : throw new ArgumentOutOfRangeException(name, count, "A count cannot be negative.");
}

public enum NpsGroup
{
    Promoter,
    Passive,
    Detractor,
}
