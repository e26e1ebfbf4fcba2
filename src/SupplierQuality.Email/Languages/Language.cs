using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SupplierQuality.Email.Languages;

/// <summary>
/// A language the emails and the respondent's form are written in, by its two-letter code ("de"). The list is short
/// on purpose: a language is offered only once every email and form text has been translated into it.
/// </summary>
public sealed record Language(string Code, string NativeName)
{
    public static Language English { get; } = new("en", "English");

    /// <summary>Every language offered, English (the default) first.</summary>
    public static IReadOnlyList<Language> All { get; } =
    [
        English,
        new("de", "Deutsch"),
        new("fr", "Français"),
        new("es", "Español"),
    ];

    public CultureInfo Culture => CultureInfo.GetCultureInfo(Code);

    /// <summary>The language of a code in any case ("DE"), or false for a code that is not offered.</summary>
    public static bool TryFind(string? code, [NotNullWhen(true)] out Language? language)
    {
        language = All.FirstOrDefault(l => string.Equals(l.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
        return language is not null;
    }

    /// <summary>The first of the codes that is offered (a contact's preferred language, then the campaign's), else English.</summary>
    public static Language FirstOf(params ReadOnlySpan<string?> codes)
    {
        foreach (var code in codes)
        {
            if (TryFind(code, out var language))
            {
                return language;
            }
        }

        return English;
    }
}
