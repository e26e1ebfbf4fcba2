using Microsoft.Extensions.Options;
using SupplierQuality.Email;

namespace SupplierQuality.Grains.Campaigns;

[GrainType("campaign-emails")]
public sealed class CampaignEmailsGrain(IGrainFactory grains, IMailSender mail, IOptions<CampaignOptions> options)
    : Grain, ICampaignEmailsGrain
{
    private const int MaxClicksRemembered = 20;

    // Test sends are not durable work: remembered for this activation only, so a double click sends once.
    private readonly List<(Guid ClickId, CampaignTestEmails Result)> _clicks = [];

    public async Task<IReadOnlyList<CampaignEmailPreview>> PreviewAsync() =>
        await SampleAsync() is { } sample ? await RenderAsync(sample, firstLine: null) : [];

    public async Task<CampaignTestEmails?> SendTestAsync(Guid clickId, string email, string name)
    {
        if (_clicks.Find(c => c.ClickId == clickId) is { Result: { } done })
        {
            return done;
        }

        if (await SampleAsync() is not { } sample)
        {
            return null;
        }

        var previews = await RenderAsync(sample, CampaignEmailPreviews.TestLine(sample.Brief.CampaignName));

        var result = await CampaignEmailPreviews.SendAsync(mail, this.GetPrimaryKey(), clickId, new Mailbox(email, name), previews);
        _clicks.Add((clickId, result));
        if (_clicks.Count > MaxClicksRemembered)
        {
            _clicks.RemoveAt(0);
        }

        return result;
    }

    private Task<CampaignMailSample?> SampleAsync() =>
        grains.GetGrain<ICampaignGrain>(this.GetPrimaryKey()).GetMailSampleAsync();

    private Task<List<CampaignEmailPreview>> RenderAsync(CampaignMailSample sample, string? firstLine) =>
        CampaignEmailPreviews.RenderAsync(
            grains, this.GetPrimaryKey(), sample.Brief, sample.Suppliers, sample.Digests, options.Value.PublicBaseUrl, firstLine);
}
