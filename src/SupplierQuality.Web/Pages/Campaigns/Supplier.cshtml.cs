using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
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

    public async Task<IActionResult> OnPostResendAsync(Guid id, Guid supplierId, string? invitationKey)
    {
        var before = Resends(await Grains.GetSupplierCampaign(id, supplierId).GetAsync(), invitationKey);
        var result = await Grains.GetGrain<ICampaignGrain>(id).ResendAsync(supplierId, invitationKey ?? string.Empty);
        if (!await LoadAsync(id, supplierId))
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            // The campaign answers Ok also when it queued nothing (a resend already waits, or the last one allowed
            // was sent), so the message is read from the invitation, not assumed.
            var to = Progress?.Invitations.FirstOrDefault(i => i.InvitationKey == invitationKey)?.Email ?? "the recipient";
            var after = Resends(Progress, invitationKey);
            Message = after > before ? $"The invitation to {to} is being sent again."
                : after >= InvitationEntry.MaxResends ? $"Nothing was sent: the invitation to {to} was already sent again {InvitationEntry.MaxResends} times, the most allowed."
                : $"Nothing more was sent: a resend to {to} is already on its way.";
            return RedirectToPage("Supplier", new { id, supplierId });
        }

        AddPageError(null, result.Outcome switch
        {
            CommandOutcome.NotFound => "The invitation was not sent again: it is not one of this supplier's in this campaign.",
            _ => $"The invitation was not sent again: {result.Message ?? string.Join(" ", result.Errors.Values.SelectMany(m => m))}",
        });
        return Page();
    }

    public string DimensionName(string dimensionId) => Dimensions.TryGetValue(dimensionId, out var name) ? name : dimensionId;

    /// <summary>How many resends of the invitation were sent or wait to be.</summary>
    private static int Resends(SupplierCampaignDetails? progress, string? invitationKey) =>
        progress?.Invitations.FirstOrDefault(i => i.InvitationKey == invitationKey) is { } line
            ? line.Sent.Concat(line.Waiting).Distinct().Count(p => p.StartsWith("resend-", StringComparison.Ordinal))
            : 0;

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
        return true;
    }
}
