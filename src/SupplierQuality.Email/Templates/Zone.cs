using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using SupplierQuality.Email.Languages;

namespace SupplierQuality.Email.Templates;

/// <summary>
/// A time zone people read and type times in, by its IANA id ("Europe/Berlin"), and the one place where the instants
/// the system keeps (UTC) become what people read and type, and back. Every time shown names its zone, with the offset
/// it has at that moment: "31 March 2099, 19:00 (UTC+02:00, Europe/Berlin)"; in UTC, "31 March 2099, 17:00 UTC".
/// UTC is also what is shown where no zone was chosen: an account that has not chosen yet, a campaign stored before
/// campaigns had a zone, a zone this machine does not know.
/// </summary>
/// <remarks>
/// The zones are the machine's time zone database (tzdata), so a zone's rules are as current as its tzdata package.
/// </remarks>
public sealed partial class Zone
{
    public const string UtcId = "UTC";

    /// <summary>Longer than any IANA id ("America/Argentina/ComodRivadavia" has 32 characters).</summary>
    public const int MaxIdLength = 64;

    // Before the list of zones, which starts with it.
    public static Zone Utc { get; } = new(TimeZoneInfo.Utc, UtcId);

    /// <summary>Names of UTC itself that browsers and systems report ("Etc/UTC" on many Linux machines): all shown as UTC.</summary>
    private static readonly HashSet<string> UtcNames = new(StringComparer.OrdinalIgnoreCase)
    {
        UtcId, "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu",
    };

    private static readonly Lazy<IReadOnlyList<Zone>> Known = new(() =>
    [
        Utc,
        .. TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.HasIanaId && !UtcNames.Contains(z.Id))
            .OrderBy(z => z.Id, StringComparer.Ordinal)
            .Select(z => new Zone(z)),
    ]);

    /// <summary>The zones of <see cref="All"/> by id, in any case.</summary>
    private static readonly Lazy<Dictionary<string, Zone>> ById = new(() => All.ToDictionary(z => z.Id, StringComparer.OrdinalIgnoreCase));

    private readonly TimeZoneInfo _info;

    private Zone(TimeZoneInfo info, string? id = null)
    {
        _info = info;
        Id = id ?? info.Id;
    }

    /// <summary>The IANA id, as the time zone database spells it ("Europe/Berlin"), or "UTC".</summary>
    public string Id { get; }

    public bool IsUtc => Id == UtcId;

    /// <summary>Every zone this machine knows, UTC first, then by id: what a select offers.</summary>
    public static IReadOnlyList<Zone> All => Known.Value;

    /// <summary>
    /// <see cref="All"/>, with the zone <paramref name="id"/> names first when the list lacks it: a select that shows a
    /// choice made elsewhere (a browser's "Asia/Calcutta", which the database keeps as an old name of Asia/Kolkata).
    /// </summary>
    public static IReadOnlyList<Zone> AllWith(string? id) =>
        TryFind(id, out var zone) && !All.Any(z => z.Id == zone.Id) ? [zone, .. All] : All;

    /// <summary>
    /// The zone with this IANA id ("Etc/UTC" and the other names of UTC are UTC): any case for the zones of
    /// <see cref="All"/>, old names as spelled; false for anything else, including Windows names, which are not stored.
    /// </summary>
    public static bool TryFind(string? id, [NotNullWhen(true)] out Zone? zone)
    {
        zone = null;
        var name = id?.Trim();
        // The shape is checked before the id reaches the time zone database, which reads files named after it.
        if (string.IsNullOrEmpty(name) || name.Length > MaxIdLength || !IdShape().IsMatch(name))
        {
            return false;
        }

        if (UtcNames.Contains(name))
        {
            zone = Utc;
            return true;
        }

        if (ById.Value.TryGetValue(name, out zone))
        {
            return true;
        }

        // An old name the list leaves out ("Asia/Calcutta"), spelled exactly: the database finds it by file name, and
        // in any case only once the same zone was loaded, so any case would be found sometimes and sometimes not.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(name, out var info) || !info.HasIanaId || !string.Equals(info.Id, name, StringComparison.Ordinal))
        {
            return false;
        }

        zone = new Zone(info);
        return true;
    }

    /// <summary>A stored zone id; UTC for none, and for one this machine does not know.</summary>
    public static Zone OrUtc(string? id) => TryFind(id, out var zone) ? zone : Utc;

    /// <summary>The message for an id that <see cref="TryFind"/> refuses.</summary>
    public static string Unknown(string? id) =>
        string.IsNullOrWhiteSpace(id)
            ? "Choose a time zone."
            : $"'{Shorten(id.Trim())}' is not a time zone: use an IANA time zone name such as Europe/Berlin or America/New_York, or UTC.";

    /// <summary>"UTC+02:00": the zone's offset from UTC at that moment (summer or winter time).</summary>
    public string Offset(DateTimeOffset at) => OffsetText(_info.GetUtcOffset(at));

    /// <summary>"31 March 2099, 19:00 (UTC+02:00, Europe/Berlin)"; in UTC "31 March 2099, 17:00 UTC".</summary>
    public string Show(DateTimeOffset at)
    {
        var local = Local(at).ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        return IsUtc ? local + " UTC" : $"{local} ({Offset(at)}, {Id})";
    }

    /// <summary>
    /// As <see cref="Show(DateTimeOffset)"/>, in a respondent's language: "31. März 2099, 19:00 (UTC+02:00, Europe/Berlin)",
    /// "31 mars 2099, 19:00 (UTC+02:00, Europe/Berlin)"; English (and no language) exactly as <see cref="Show(DateTimeOffset)"/>.
    /// </summary>
    public string Show(DateTimeOffset at, Language? language)
    {
        if (language is null || language == Language.English)
        {
            return Show(at);
        }

        var texts = RespondentTexts.For(language);
        var local = Local(at).ToString(texts.DateTimeFormat, texts.Culture);
        return IsUtc ? local + " UTC" : $"{local} ({Offset(at)}, {Id})";
    }

    /// <summary>"31 March 2099": the day in this zone, where the hour does not matter (a version's publication in a list).</summary>
    public string Day(DateTimeOffset at) => Local(at).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Europe/Berlin (now UTC+02:00)": an option of a select of zones.</summary>
    public string Label(DateTimeOffset now) => IsUtc ? UtcId : $"{Id} (now {Offset(now)})";

    /// <summary>"2099-03-31T19:00": the value of a <c>datetime-local</c> input showing this instant in this zone.</summary>
    public string Input(DateTimeOffset at) => Local(at).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A date and time as a <c>datetime-local</c> input sends it (with or without seconds), or as a person types it
    /// where the input is plain text ("2099-03-31 19:00"); a wall-clock time, in no zone yet (see <see cref="TryResolve"/>).
    /// </summary>
    public static bool TryParseInput(string? value, out DateTime local)
    {
        var read = DateTime.TryParseExact(value?.Trim(), InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
        // Far from any time a campaign has, and clear of the ends of the calendar, where offsets cannot be applied.
        return read && local.Year is >= 1900 and <= 9000;
    }

    /// <summary>
    /// The instant a wall-clock time means in this zone. A time the clocks skip (the hour they go forward) has none:
    /// false, with a message that says so. A time the clocks pass twice (the hour they go back) is the first of the
    /// two, in summer time.
    /// </summary>
    public bool TryResolve(DateTime local, out DateTimeOffset at, [NotNullWhen(false)] out string? problem)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        problem = null;
        if (_info.IsInvalidTime(local))
        {
            at = default;
            problem = Gap(local);
            return false;
        }

        var offset = _info.IsAmbiguousTime(local) ? _info.GetAmbiguousTimeOffsets(local).Max() : _info.GetUtcOffset(local);
        at = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    public override string ToString() => Id;

    private DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _info).DateTime;

    /// <summary>
    /// "There is no 02:30 on 30 March 2031 in Europe/Berlin: the clocks go forward from 02:00 to 03:00 that night
    /// (UTC+01:00 to UTC+02:00). Enter a time outside the gap, such as 03:30."
    /// </summary>
    private string Gap(DateTime local)
    {
        // The clocks jump at one instant between the two readings of the skipped time; find it to the minute.
        var before = _info.GetUtcOffset(local.AddDays(-1));
        var after = _info.GetUtcOffset(local.AddDays(1));
        var low = new DateTimeOffset(local - after, TimeSpan.Zero);
        var high = new DateTimeOffset(local - before, TimeSpan.Zero);
        while (high - low > TimeSpan.FromMinutes(1))
        {
            var middle = low + ((high - low) / 2);
            (low, high) = _info.GetUtcOffset(middle) == before ? (middle, high) : (low, middle);
        }

        var jump = high.AddSeconds(-high.Second).AddMilliseconds(-high.Millisecond);
        var from = jump.ToOffset(before).DateTime;
        var to = jump.ToOffset(after).DateTime;
        var same = local + (after - before);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"There is no {local:HH:mm} on {local:d MMMM yyyy} in {Id}: the clocks go forward from {from:HH:mm} to {to:HH:mm} that night ({OffsetText(before)} to {OffsetText(after)}). Enter a time outside the gap, such as {same:HH:mm}.");
    }

    private static string OffsetText(TimeSpan offset) =>
        "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;

    private static readonly string[] InputFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss",
    ];

    /// <summary>Area/Location names of letters, digits, '_', '-' and '+', in at most three parts: no dots, so no path tricks.</summary>
    [GeneratedRegex("^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+){0,2}$")]
    private static partial Regex IdShape();
}
