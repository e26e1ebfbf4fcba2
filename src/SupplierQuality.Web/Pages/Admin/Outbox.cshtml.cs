using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Email;
using SupplierQuality.Email.Outbox;

namespace SupplierQuality.Web.Pages.Admin;

/// <summary>
/// The development outbox: the mail the node would have sent, newest first, so invitations and their links can be
/// tried without a mail service. With SendGrid as the sender there is no outbox, and the page says so.
/// </summary>
public sealed class OutboxModel(OutboxReader outbox, IConfiguration configuration) : PageModel
{
    public const int PageSize = 50;

    public bool SendsToSendGrid { get; } = MailServiceCollectionExtensions.SenderIn(configuration) == MailSenderKind.SendGrid;

    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The detail page's address; the id is escaped, since message ids may hold any character.</summary>
    public static string Link(string id) => "/admin/outbox/" + Uri.EscapeDataString(id);

    // "page" is the route value Razor Pages names the page by, so the query key is bound by name explicitly.
    public async Task OnGetAsync([FromQuery(Name = "page")] int? number)
    {
        if (SendsToSendGrid)
        {
            return;
        }

        PageNumber = Math.Clamp(number ?? 1, 1, int.MaxValue / PageSize);
        var page = await outbox.ListAsync((PageNumber - 1) * PageSize, PageSize, HttpContext.RequestAborted);
        (Messages, Total) = (page.Messages, page.Total);
    }
}
