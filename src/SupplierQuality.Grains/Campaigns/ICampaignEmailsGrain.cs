namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// A campaign's emails as its recipients will get them, and "send a test to me" (key: the campaign's id). Apart from
/// <see cref="ICampaignGrain"/> so a test waiting on the mail service never holds up the campaign's own turn.
/// </summary>
public interface ICampaignEmailsGrain : IGrainWithGuidKey
{
    /// <summary>The campaign's emails as saved, rendered for a sample recipient; empty for no campaign.</summary>
    [Alias("Preview")]
    Task<IReadOnlyList<CampaignEmailPreview>> PreviewAsync();

    /// <summary>
    /// Sends the previews to one address, marked as a test; the same click again answers what it did and sends nothing
    /// more (while this grain stays active on its node). Null for no campaign.
    /// </summary>
    [Alias("SendTest")]
    Task<CampaignTestEmails?> SendTestAsync(Guid clickId, string email, string name);
}

/// <summary>What the emails of a campaign are rendered from: its brief and the suppliers it asks or would ask now.</summary>
/// <param name="Digests">Evaluators get one digest; false for a campaign opened before digests (docs/adr/0007).</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.CampaignMailSample")]
public sealed record CampaignMailSample(
    [property: Id(0)] SupplierCampaignBrief Brief,
    [property: Id(1)] IReadOnlyList<Guid> Suppliers,
    [property: Id(2)] bool Digests);
