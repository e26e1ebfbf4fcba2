using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace SupplierQuality.Benchmarks.Client;

/// <summary>
/// What a browser sends back from a page's form: its hidden and text inputs (the antiforgery token among them), and
/// the cookies the page set. Regular expressions, not an HTML parser: the supplier form is read a thousand times a
/// second and the load client must not be what limits the figures.
/// </summary>
internal static partial class HtmlForm
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>
    /// The hidden and text inputs of the first form that has an input named <paramref name="containing"/> (default:
    /// the antiforgery token), name and value as the browser would post them.
    /// </summary>
    public static List<KeyValuePair<string, string>> Fields(string html, string containing = AntiforgeryField)
    {
        ArgumentNullException.ThrowIfNull(html);
        foreach (Match form in FormElement().Matches(html))
        {
            var fields = Inputs(form.Value);
            if (fields.Any(f => f.Key == containing))
            {
                return fields;
            }
        }

        throw new InvalidOperationException($"The page has no form with an input named {containing}.");
    }

    /// <summary>The text of the element with this id, decoded; null when there is none.</summary>
    public static string? ElementText(string html, string id)
    {
        ArgumentNullException.ThrowIfNull(html);
        var match = Regex.Match(html, $"<(\\w+)[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(?<text>[^<]*)</\\1>", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? WebUtility.HtmlDecode(match.Groups["text"].Value) : null;
    }

    /// <summary>The cookies a response set, as a Cookie header sends them back (name=value; ...); null when none.</summary>
    public static string? Cookies(HttpResponseHeaders headers, string? earlier = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!headers.TryGetValues("Set-Cookie", out var values))
        {
            return earlier;
        }

        var cookies = values.Select(v => v.Split(';', 2)[0].Trim()).Where(v => v.Contains('=', StringComparison.Ordinal));
        return string.Join("; ", earlier is null ? cookies : cookies.Prepend(earlier));
    }

    private static List<KeyValuePair<string, string>> Inputs(string form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in InputElement().Matches(form))
        {
            string? name = null, value = null, type = null;
            foreach (Match attribute in Attribute().Matches(input.Value))
            {
                var text = WebUtility.HtmlDecode(attribute.Groups["value"].Value);
                switch (attribute.Groups["name"].Value.ToUpperInvariant())
                {
                    case "NAME":
                        name = text;
                        break;
                    case "VALUE":
                        value = text;
                        break;
                    case "TYPE":
                        type = text.ToUpperInvariant();
                        break;
                }
            }

            if (name is not null && type is null or "HIDDEN" or "TEXT" or "EMAIL" or "NUMBER")
            {
                fields.Add(new(name, value ?? string.Empty));
            }
        }

        return fields;
    }

    [GeneratedRegex("<form\\b.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputElement();

    [GeneratedRegex("(?<name>[\\w.:-]+)\\s*=\\s*\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();
}
