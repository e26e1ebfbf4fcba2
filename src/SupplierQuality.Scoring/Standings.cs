using System.Globalization;

namespace SupplierQuality.Scoring;

/// <summary>A supplier's standing, from best to worst, by its ranking score against <see cref="StandingThresholds"/>.</summary>
public enum Standing
{
    Strategic,
    Preferred,
    Approved,
    Conditional,
    AtRisk,
}

/// <summary>
/// The lowest ranking score of each standing: a score at or above <see cref="Strategic"/> is Strategic, else at or
/// above <see cref="Preferred"/> is Preferred, and so on; below <see cref="Conditional"/> is At risk. Valid when each
/// lies in 0..100 and each is strictly below the one before.
/// </summary>
public sealed record StandingThresholds(double Strategic = 85, double Preferred = 70, double Approved = 55, double Conditional = 40)
{
    public static StandingThresholds Default { get; } = new();

    /// <summary>Field errors (keys <c>strategic</c>, <c>preferred</c>, <c>approved</c>, <c>conditional</c>); empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        (string Key, string Name, double Value)[] thresholds =
        [
            ("strategic", "Strategic", Strategic),
            ("preferred", "Preferred", Preferred),
            ("approved", "Approved", Approved),
            ("conditional", "Conditional", Conditional),
        ];
        for (var i = 0; i < thresholds.Length; i++)
        {
            var (key, name, value) = thresholds[i];
            if (value is not (>= 0 and <= 100))
            {
                errors[key] = [$"The {name} threshold must be a number from 0 to 100."];
            }
            else if (i > 0 && thresholds[i - 1] is { Value: >= 0 and <= 100 } above && value >= above.Value)
            {
                errors[key] = [string.Create(CultureInfo.InvariantCulture, $"The {name} threshold must be below the {above.Name} threshold ({above.Value}).")];
            }
        }

        return errors;
    }
}

/// <summary>Maps a ranking score to its <see cref="Standing"/> (see <see cref="StandingThresholds"/>).</summary>
public static class Standings
{
    /// <summary>The standing of a score; none for a supplier without a score.</summary>
    public static Standing? Of(double? score, StandingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (thresholds.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.Values.SelectMany(e => e)), nameof(thresholds));
        }

        if (score is not { } s)
        {
            return null;
        }

        Check.Finite(s, nameof(score));
        return s >= thresholds.Strategic ? Standing.Strategic
            : s >= thresholds.Preferred ? Standing.Preferred
            : s >= thresholds.Approved ? Standing.Approved
            : s >= thresholds.Conditional ? Standing.Conditional
            : Standing.AtRisk;
    }
}
