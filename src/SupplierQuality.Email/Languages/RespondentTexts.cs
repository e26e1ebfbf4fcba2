using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;

namespace SupplierQuality.Email.Languages;

/// <summary>
/// The fixed words respondents read, in one <see cref="Language"/>: every email's own lines and the survey form's, from
/// <c>RespondentTexts.resx</c> (English) and its German, French and Spanish siblings. Read through a
/// <see cref="ResourceManager"/> with the language's culture given on each call, not the thread's: an email is written
/// in its recipient's language inside a grain, and a form page in the language its reader chose, neither of which is
/// the request's culture.
/// </summary>
public sealed class RespondentTexts
{
    private static readonly ResourceManager Resources = new("SupplierQuality.Email.Languages.RespondentTexts", typeof(RespondentTexts).Assembly);

    private static readonly ConcurrentDictionary<string, RespondentTexts> ByCode = new(StringComparer.Ordinal);

    private RespondentTexts(Language language) => Language = language;

    public static RespondentTexts English { get; } = For(Language.English);

    public Language Language { get; }

    /// <summary>The texts of a language; English for none.</summary>
    public static RespondentTexts For(Language? language) =>
        ByCode.GetOrAdd((language ?? Language.English).Code, static (_, l) => new RespondentTexts(l), language ?? Language.English);

    /// <summary>The texts of a language code as stored (an invitation's, a campaign's); English for none or one not offered.</summary>
    public static RespondentTexts For(string? code) => For(Language.FirstOf(code));

    /// <summary>The text of <paramref name="key"/>; a missing key is a bug, so it throws rather than showing a blank.</summary>
    public string this[string key] =>
        Resources.GetString(key, Language.Culture) ?? throw new KeyNotFoundException($"No respondent text '{key}'.");

    /// <summary>The text of <paramref name="key"/> with its <c>{0}</c>, <c>{1}</c> filled in (numbers written in the language's culture).</summary>
    public string Format(string key, params object?[] args) => string.Format(Language.Culture, this[key], args);

    /// <summary>
    /// As <see cref="Format"/>, for HTML: the text is encoded and the arguments are put in as given, so they must be
    /// encoded (or be markup) already.
    /// </summary>
    public string FormatHtml(string key, params object?[] htmlArgs) => string.Format(Language.Culture, Encode(this[key]), htmlArgs);

    /// <summary>The text of <paramref name="key"/>, encoded for HTML.</summary>
    public string Html(string key) => Encode(this[key]);

    /// <summary>
    /// The few characters HTML needs escaped, and no more: accented letters stay readable in the source of an email,
    /// where <see cref="System.Net.WebUtility.HtmlEncode(string)"/> would write them as numbers.
    /// </summary>
    public static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>How a date and time are written ("d MMMM yyyy, HH:mm"), for <see cref="Templates.Zone.Show(DateTimeOffset, Language)"/>.</summary>
    internal string DateTimeFormat => this["DateTimeFormat"];

    internal CultureInfo Culture => Language.Culture;
}
