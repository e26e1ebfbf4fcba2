using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>One supplier in one campaign: each invitation's mail and answer, a resend per invitation, and the aggregate.</summary>
public sealed class SupplierModel(IGrainFactory grains) : CampaignPageModel(grains)
{
    public CampaignDetails Campaign { get; private set; } = null!;

    /// <summary>Null until the campaign reaches the supplier.</summary>
    public SupplierCampaignDetails? Progress { get; private set; }

    public Guid SupplierId { get; private set; }

    public string SupplierName { get; private set; } = string.Empty;

    /// <summary>Dimension names of the questionnaire version asked, by id.</summary>
    public IReadOnlyDictionary<string, string> Dimensions { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid supplierId) =>
        await LoadAsync(id, supplierId) ? Page() : NotFound();

    /// <summary>Why no survey mail goes to an address (unsubscribed, bounced, spam report), by address; known before any send is tried.</summary>
    public IReadOnlyDictionary<string, string> Suppressed { get; private set; } = new Dictionary<string, string>();

    /// <param name="click">Made when the page was shown: the same click posted twice (a double-click) sends once.</param>
    /// <param name="evenIfAnswered">The manager ticked "send although they answered".</param>
    public async Task<IActionResult> OnPostResendAsync(Guid id, Guid supplierId, string? invitationKey, Guid click, bool evenIfAnswered)
    {
        if (click == Guid.Empty)
        {
            if (!await LoadAsync(id, supplierId))
            {
                return NotFound();
            }

            AddPageError(null, "Nothing was sent: the page was out of date. Press Resend again on this page.");
            return Page();
        }

        var result = await Grains.GetGrain<ICampaignGrain>(id).ResendAsync(supplierId, new ResendRequest(invitationKey ?? string.Empty, click, evenIfAnswered));
        if (result.Succeeded)
        {
            Message = result.Message;
            return RedirectToPage("Supplier", new { id, supplierId });
        }

        if (!await LoadAsync(id, supplierId))
        {
            return NotFound();
        }

        AddPageError(null, result.Outcome switch
        {
            CommandOutcome.NotFound => "Nothing was sent: the invitation is not one of this supplier's in this campaign.",
            _ => result.Message ?? "Nothing was sent.",
        });
        return Page();
    }

    public string DimensionName(string dimensionId) => Dimensions.TryGetValue(dimensionId, out var name) ? name : dimensionId;

    /// <summary>How many resends of the invitation were sent or wait to be.</summary>
    public static int Resends(InvitationLine line) =>
        line.Sent.Concat(line.Waiting).Distinct().Count(p => p.StartsWith("resend-", StringComparison.Ordinal));

    private async Task<bool> LoadAsync(Guid id, Guid supplierId)
    {
        if (await Grains.GetGrain<ICampaignGrain>(id).GetAsync() is not { } campaign)
        {
            return false;
        }

        (Campaign, SupplierId) = (campaign, supplierId);
        var version = Grains.GetGrain<IQuestionnaireGrain>(campaign.Definition.QuestionnaireId).GetVersionAsync(campaign.Definition.QuestionnaireVersion);
        var supplier = Grains.GetGrain<ISupplierGrain>(supplierId).GetAsync();
        Progress = await Grains.GetSupplierCampaign(id, supplierId).GetAsync();
        SupplierName = Progress?.SupplierName is { Length: > 0 } name ? name : (await supplier)?.Name ?? "(unknown supplier)";
        Dimensions = (await version)?.Dimensions.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal) ?? [];
        var emails = Progress?.Invitations.Select(i => i.Email).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
        var reasons = await Task.WhenAll(emails.Select(e => Grains.GetMailSuppression(e).ReasonAsync()));
        Suppressed = emails.Zip(reasons).Where(p => p.Second is not null)
            .ToDictionary(p => p.First, p => p.Second!, StringComparer.OrdinalIgnoreCase);
        return true;
    }
}
