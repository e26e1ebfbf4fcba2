using System.Runtime.CompilerServices;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Responses;

/// <summary>A question with its number in the questionnaire (from 1), as row and column headings show it.</summary>
public sealed record NumberedQuestion(int Number, Question Question)
{
    public string Heading => $"{Number}. {Question.Text}";
}

/// <summary>A campaign and the questionnaire version its invitations answer (null if that version cannot be read).</summary>
public sealed record ResponseSource(CampaignDetails Campaign, QuestionnaireVersion? Questionnaire)
{
    public IReadOnlyList<NumberedQuestion> Questions { get; } =
        Questionnaire is null ? [] : [.. Questionnaire.Questions.Select((q, i) => new NumberedQuestion(i + 1, q))];
}

/// <summary>One respondent's latest submitted response.</summary>
public sealed record RespondentResponse(string InvitationKey, RecipientKind Group, string Name, string Email, InvitationResponse Response);

/// <summary>
/// A supplier's submitted responses in one campaign, self-assessment before internal evaluation.
/// <paramref name="Reached"/> is false while the campaign has not invited this supplier's respondents.
/// </summary>
public sealed record SupplierResponses(Guid SupplierId, string SupplierName, bool Reached, IReadOnlyList<RespondentResponse> Responses);

/// <summary>One page of a campaign's suppliers, in launch order, with their responses.</summary>
public sealed record SupplierResponsesPage(int PageNumber, int PageCount, int TotalSuppliers, IReadOnlyList<SupplierResponses> Suppliers);

/// <summary>
/// Reads a campaign's responses from where they live: the campaign lists its suppliers, each supplier's campaign its
/// invitations, each invitation its latest submitted response. Reads go out at most <see cref="Parallelism"/> at a
/// time and a page of suppliers at a time, so a large campaign neither floods the silo nor fills memory.
/// </summary>
internal static class CampaignResponses
{
    public const int SuppliersPerPage = 25;
    public const int Parallelism = 16;

    /// <summary>The campaign with its questionnaire version, or null for an unknown campaign.</summary>
    public static async Task<ResponseSource?> OpenAsync(IGrainFactory grains, Guid campaignId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (await grains.GetGrain<ICampaignGrain>(campaignId).GetAsync() is not { } campaign)
        {
            return null;
        }

        var definition = campaign.Definition;
        var version = await grains.GetGrain<IQuestionnaireGrain>(definition.QuestionnaireId).GetVersionAsync(definition.QuestionnaireVersion);
        return new ResponseSource(campaign, version);
    }

    /// <summary>A page of suppliers (from 1); a page past the end gives the last one, so an old link still shows a list.</summary>
    public static async Task<SupplierResponsesPage> ReadPageAsync(
        IGrainFactory grains, Guid campaignId, int pageNumber, RecipientKind? group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var campaign = grains.GetGrain<ICampaignGrain>(campaignId);
        pageNumber = Math.Max(1, pageNumber);
        var page = await campaign.GetSuppliersAsync(nonRespondersOnly: false, Skip(pageNumber), SuppliersPerPage);
        if (page.Items.Count == 0 && page.Total > 0)
        {
            pageNumber = PageCount(page.Total);
            page = await campaign.GetSuppliersAsync(nonRespondersOnly: false, Skip(pageNumber), SuppliersPerPage);
        }

        var suppliers = await ReadAsync(grains, campaignId, Named(page), group, ct);
        return new SupplierResponsesPage(pageNumber, PageCount(page.Total), page.Total, suppliers);
    }

    /// <summary>One supplier's responses; not <see cref="SupplierResponses.Reached"/> if the campaign has not invited it.</summary>
    public static async Task<SupplierResponses> ReadSupplierAsync(
        IGrainFactory grains, Guid campaignId, Guid supplierId, RecipientKind? group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return (await ReadAsync(grains, campaignId, [(supplierId, string.Empty)], group, ct))[0];
    }

    /// <summary>Every supplier in launch order, read a page at a time as the caller goes (the export streams it).</summary>
    public static async IAsyncEnumerable<SupplierResponses> ReadAllAsync(
        IGrainFactory grains, Guid campaignId, RecipientKind? group, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var campaign = grains.GetGrain<ICampaignGrain>(campaignId);
        for (var skip = 0; ; skip += SuppliersPerPage)
        {
            var page = await campaign.GetSuppliersAsync(nonRespondersOnly: false, skip, SuppliersPerPage);
            foreach (var supplier in await ReadAsync(grains, campaignId, Named(page), group, ct))
            {
                yield return supplier;
            }

            if (page.Items.Count == 0 || skip + page.Items.Count >= page.Total)
            {
                yield break;
            }
        }
    }

    public static int PageCount(int totalSuppliers) => Math.Max(1, (totalSuppliers + SuppliersPerPage - 1) / SuppliersPerPage);

    // Long arithmetic: a hand-typed page number of a billion must not wrap round to a negative skip.
    private static int Skip(int pageNumber) => (int)Math.Min((pageNumber - 1L) * SuppliersPerPage, int.MaxValue);

    private static (Guid Id, string Name)[] Named(SupplierProgressPage page) => [.. page.Items.Select(p => (p.SupplierId, p.SupplierName))];

    /// <param name="suppliers">Ids with the names the campaign knows (empty before it reached the supplier).</param>
    private static async Task<IReadOnlyList<SupplierResponses>> ReadAsync(
        IGrainFactory grains, Guid campaignId, (Guid Id, string Name)[] suppliers, RecipientKind? group, CancellationToken ct)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct };
        var details = new SupplierCampaignDetails?[suppliers.Length];
        var names = new string[suppliers.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, suppliers.Length), options, async (i, _) =>
        {
            var (id, name) = suppliers[i];
            details[i] = await grains.GetSupplierCampaign(campaignId, id).GetAsync();

            // A supplier the campaign has not reached has no name in its progress yet.
            names[i] = name.Length > 0 ? name
                : details[i]?.SupplierName is { Length: > 0 } known ? known
                : (await grains.GetGrain<ISupplierGrain>(id).GetAsync())?.Name ?? "(unknown supplier)";
        });

        var asked = details
            .SelectMany((d, i) => (d?.Invitations ?? []).Where(line => group is null || line.Kind == group).Select(line => (Supplier: i, Line: line)))
            .ToArray();
        var responses = new InvitationResponse?[asked.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, asked.Length), options, async (j, _) =>
            responses[j] = await grains.GetGrain<IInvitationGrain>(asked[j].Line.InvitationKey).GetSubmittedAsync());

        var bySupplier = suppliers.Select(_ => new List<RespondentResponse>()).ToArray();
        for (var j = 0; j < asked.Length; j++)
        {
            if (responses[j] is { } response)
            {
                var line = asked[j].Line;
                bySupplier[asked[j].Supplier].Add(new RespondentResponse(line.InvitationKey, line.Kind, line.Name, line.Email, response));
            }
        }

        return
        [
            .. suppliers.Select((s, i) => new SupplierResponses(
                s.Id, names[i], details[i] is not null, [.. bySupplier[i].OrderBy(r => r.Group)])),
        ];
    }
}
