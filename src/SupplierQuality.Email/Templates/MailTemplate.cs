using System.Net;
using System.Text;

namespace SupplierQuality.Email.Templates;

/// <summary>The values a manager's subject and intro text may refer to.</summary>
/// <param name="SupplierName">{{supplier_name}}: the supplier asked about (the contact's own company, the one an evaluator rates).</param>
/// <param name="ContactName">{{contact_name}}: the recipient's name, a supplier's contact or an evaluator.</param>
/// <param name="Deadline">{{deadline}}, already formatted for the reader.</param>
/// <param name="Link">{{link}}: the personal survey link.</param>
/// <param name="UnsubscribeLink">{{unsubscribe_link}}</param>
/// <param name="BuyerName">{{buyer_name}}: the buying company that asks.</param>
public sealed record MailTemplateValues(string SupplierName, string ContactName, string Deadline, string Link, string UnsubscribeLink, string BuyerName);

/// <summary>
/// Plain-text templates with <c>{{name}}</c> placeholders, as a manager writes a campaign's subject and intro.
/// <see cref="Validate"/> lists what is wrong for the manager to fix; rendering never fails, it leaves an unknown
/// placeholder as written.
/// </summary>
public static class MailTemplate
{
    public const string SupplierName = "supplier_name";
    public const string ContactName = "contact_name";
    public const string BuyerName = "buyer_name";
    public const string Deadline = "deadline";
    public const string Link = "link";
    public const string UnsubscribeLink = "unsubscribe_link";

    public static IReadOnlyList<string> Placeholders { get; } = [SupplierName, ContactName, BuyerName, Deadline, Link, UnsubscribeLink];

    /// <summary>What a manager must fix in <paramref name="template"/>; empty when it is fine.</summary>
    public static IReadOnlyList<string> Validate(string? template)
    {
        var errors = new List<string>();
        foreach (var part in Parse(template ?? ""))
        {
            var message = part switch
            {
                { Kind: PartKind.Unclosed } => $"\"{Shorten(part.Text)}\" opens a placeholder with {{{{ but does not close it with }}}}.",
                { Kind: PartKind.Placeholder, Name: null } =>
                    $"{part.Text} is not a known placeholder. Use one of {string.Join(", ", Placeholders.Select(p => $"{{{{{p}}}}}"))}.",
                _ => null,
            };
            if (message is not null && !errors.Contains(message))
            {
                errors.Add(message);
            }
        }

        return errors;
    }

    /// <summary>Whether <paramref name="template"/> holds the placeholder <paramref name="placeholder"/> (written in any case or spacing).</summary>
    public static bool Uses(string? template, string placeholder) =>
        Parse(template ?? "").Exists(p => string.Equals(p.Name, placeholder, StringComparison.Ordinal));

    /// <summary>Plain text with the values in place, for a text body.</summary>
    public static string RenderText(string template, MailTemplateValues values)
    {
        var text = new StringBuilder(template.Length);
        foreach (var part in Parse(template))
        {
            text.Append(part.Name is { } name ? Value(name, values) : part.Text);
        }

        return text.ToString();
    }

    /// <summary>One line of plain text: a subject. Line breaks (from the template or a value) become spaces.</summary>
    public static string RenderSubject(string template, MailTemplateValues values) =>
        string.Join(' ', RenderText(template, values).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// HTML paragraphs: the template and every value HTML-encoded, blank lines separating paragraphs, single line
    /// breaks kept, and the two links as anchors.
    /// </summary>
    public static string RenderHtml(string template, MailTemplateValues values)
    {
        var html = new StringBuilder(template.Length * 2);
        foreach (var part in Parse(template.ReplaceLineEndings("\n")))
        {
            html.Append(part.Name switch
            {
                null => WebUtility.HtmlEncode(part.Text),
                // A value that is not an address (an evaluator's digest says "the links below", and has no unsubscribe link) stays text.
                Link or UnsubscribeLink when IsWebAddress(Value(part.Name, values)) => Anchor(Value(part.Name, values)),
                _ => WebUtility.HtmlEncode(Value(part.Name, values)),
            });
        }

        var paragraphs = html.ToString()
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => $"<p>{p.Replace("\n", "<br>\n", StringComparison.Ordinal)}</p>");
        return string.Join('\n', paragraphs);
    }

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>A link that shows its own address; encoded, so a value cannot break out of the attribute.</summary>
    internal static string Anchor(string url)
    {
        var encoded = WebUtility.HtmlEncode(url);
        return $"<a href=\"{encoded}\">{encoded}</a>";
    }

    private static string Value(string name, MailTemplateValues values) => name switch
    {
        SupplierName => values.SupplierName,
        ContactName => values.ContactName,
        BuyerName => values.BuyerName,
        Deadline => values.Deadline,
        Link => values.Link,
        UnsubscribeLink => values.UnsubscribeLink,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a placeholder."),
    };

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "...";

    private enum PartKind
    {
        Literal,
        Placeholder,
        Unclosed,
    }

    /// <param name="Kind">What the part is.</param>
    /// <param name="Text">As written.</param>
    /// <param name="Name">For a known placeholder, its canonical name; null otherwise.</param>
    private sealed record Part(PartKind Kind, string Text, string? Name = null);

    private static List<Part> Parse(string template)
    {
        var parts = new List<Part>();
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new Part(PartKind.Literal, template[position..]));
                break;
            }

            if (open > position)
            {
                parts.Add(new Part(PartKind.Literal, template[position..open]));
            }

            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            var nextOpen = template.IndexOf("{{", open + 2, StringComparison.Ordinal);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                var end = nextOpen >= 0 ? nextOpen : template.Length;
                parts.Add(new Part(PartKind.Unclosed, template[open..end]));
                position = end;
                continue;
            }

            var raw = template[open..(close + 2)];
            var name = template[(open + 2)..close].Trim();
            var known = Placeholders.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
            parts.Add(new Part(PartKind.Placeholder, raw, known));
            position = close + 2;
        }

        return parts;
    }
}
