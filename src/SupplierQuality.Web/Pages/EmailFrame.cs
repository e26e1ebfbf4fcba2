using System.Text.RegularExpressions;

namespace SupplierQuality.Web.Pages;

/// <summary>
/// An email's HTML body shown in a sandboxed <c>srcdoc</c> frame (the outbox, a campaign's email preview). The frame has
/// no scripts and no same-origin access; its page must allow inline styles (<see cref="Hosting.SecurityHeaders.EmailPreviewPolicy"/>),
/// which the frame inherits and emails need.
/// </summary>
internal static partial class EmailFrame
{
    /// <summary>
    /// The body with links opening in a new tab as in a webmail client: inside the sandbox a followed link would run in
    /// an opaque origin without the site's cookies, so a form opened there could not be posted.
    /// </summary>
    public static string Html(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        const string Base = "<base target=\"_blank\">";
        var head = HeadElement().Match(body);
        return head.Success ? body.Insert(head.Index + head.Length, Base) : Base + body;
    }

    [GeneratedRegex("<head(\\s[^>]*)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadElement();
}
