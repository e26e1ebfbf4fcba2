using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Email;
using SupplierQuality.Email.Outbox;

namespace SupplierQuality.Web.Pages.Admin;

/// <summary>One outbox message as its recipient would get it: the headers, the text body and the HTML body.</summary>
public sealed class OutboxMessageModel(OutboxReader outbox, IConfiguration configuration) : PageModel
{
    public bool SendsToSendGrid { get; } = MailServiceCollectionExtensions.SenderIn(configuration) == MailSenderKind.SendGrid;

    public OutboxMessage? Message { get; private set; }

    /// <summary>The HTML body for the preview frame (<see cref="EmailFrame"/>).</summary>
    public string Preview => Message is null ? string.Empty : EmailFrame.Html(Message.HtmlBody);

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
}
