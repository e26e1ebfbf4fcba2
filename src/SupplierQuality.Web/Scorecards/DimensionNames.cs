using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Scorecards;

namespace SupplierQuality.Web.Scorecards;

/// <summary>
/// The names people gave a questionnaire's dimensions, for headings: rankings carry dimension ids only. An id whose
/// questionnaire cannot be read shows as itself.
/// </summary>
public sealed class DimensionNames(IReadOnlyDictionary<string, string> names)
{
    public static DimensionNames None { get; } = new(new Dictionary<string, string>());

    public string this[string id] => names.TryGetValue(id, out var name) ? name : id;

    /// <summary>A campaign's dimensions come from the questionnaire version it asked; a quarter's or year's from the questionnaire's published version.</summary>
    public static Task<DimensionNames> OfPeriodAsync(IGrainFactory grains, RankingPeriod? period) => period switch
    {
        null => Task.FromResult(None),
        { Kind: RankingPeriodKind.Campaign } => OfCampaignAsync(grains, period.Id),
        _ => OfQuestionnaireAsync(grains, period.Id),
    };

    public static async Task<DimensionNames> OfCampaignAsync(IGrainFactory grains, Guid campaignId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (await grains.GetGrain<ICampaignGrain>(campaignId).GetAsync() is not { } campaign)
        {
            return None;
        }

        var definition = campaign.Definition;
        return From(await grains.GetGrain<IQuestionnaireGrain>(definition.QuestionnaireId).GetVersionAsync(definition.QuestionnaireVersion));
    }

    private static async Task<DimensionNames> OfQuestionnaireAsync(IGrainFactory grains, Guid questionnaireId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var questionnaire = grains.GetGrain<IQuestionnaireGrain>(questionnaireId);
        return await questionnaire.GetAsync() is { } details
            ? From(await questionnaire.GetVersionAsync(details.PublishedVersion ?? details.LatestVersion))
            : None;
    }

    private static DimensionNames From(QuestionnaireVersion? version) =>
        version is null ? None : new(version.Dimensions.DistinctBy(d => d.Id, StringComparer.Ordinal).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal));
}
