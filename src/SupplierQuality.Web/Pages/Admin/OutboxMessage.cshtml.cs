using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Email;
using SupplierQuality.Email.Outbox;

namespace SupplierQuality.Web.Pages.Admin;

/// <summary>One outbox message as its recipient would get it: the headers, the text body and the HTML body.</summary>
public sealed partial class OutboxMessageModel(OutboxReader outbox, IConfiguration configuration) : PageModel
{
    public bool SendsToSendGrid { get; } = MailServiceCollectionExtensions.SenderIn(configuration) == MailSenderKind.SendGrid;

    public OutboxMessage? Message { get; private set; }

    /// <summary>
    /// The HTML body for the preview frame, with links opening in a new tab as in a webmail client. Inside the
    /// sandboxed frame a followed link would run in an opaque origin without the site's cookies, so a survey form
    /// opened there could not be posted.
    /// </summary>
    public string Preview => Message is null ? string.Empty : WithLinksInNewTabs(Message.HtmlBody);

    public async Task<IActionResult> OnGetAsync()
    {
        if (SendsToSendGrid)
        {
            return Page();
        }

        // Kestrel decodes the path except for "%2F", which stays escaped so a slash in an id cannot make a new segment.
        var id = (RouteData.Values["id"] as string ?? string.Empty).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        Message = id.Length == 0 ? null : await outbox.ReadAsync(id, HttpContext.RequestAborted);
        return Message is null ? new PageResult { StatusCode = StatusCodes.Status404NotFound } : Page();
    }

    /// <summary>Adds <c>&lt;base target="_blank"&gt;</c> right after <c>&lt;head&gt;</c>, or in front when there is none.</summary>
    private static string WithLinksInNewTabs(string html)
    {
        const string Base = "<base target=\"_blank\">";
        var head = HeadElement().Match(html);
        return head.Success ? html.Insert(head.Index + head.Length, Base) : Base + html;
    }

    [GeneratedRegex("<head(\\s[^>]*)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadElement();
}
