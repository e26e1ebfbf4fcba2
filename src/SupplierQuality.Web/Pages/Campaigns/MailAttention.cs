using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>One address's mail problem in one campaign, in words, for the campaign page's "Needs attention".</summary>
public sealed record MailAttention(Guid SupplierId, string SupplierName, string Email, string Problem)
{
    public static IEnumerable<MailAttention> Of(SupplierCampaignDetails part)
    {
        ArgumentNullException.ThrowIfNull(part);
        foreach (var line in part.Invitations)
        {
            var problem = line.SpamReported ? "reported the survey email as spam; no more survey mail goes to this address"
                : line.Unsubscribed ? "unsubscribed; no more survey mail goes to this address"
                : line.Delivery == MailDelivery.Bounced ? "bounced; fix the address on the supplier"
                : line.Problem ?? (line.Delivery == MailDelivery.Dropped ? "refused by the mail service" : null);
            if (problem is not null)
            {
                yield return new MailAttention(part.SupplierId, part.SupplierName, line.Email, problem);
            }
        }
    }
}
