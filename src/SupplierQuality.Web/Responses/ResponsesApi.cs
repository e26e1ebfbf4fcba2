using Microsoft.AspNetCore.Http.HttpResults;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Responses;

/// <summary>
/// <c>/campaigns/{id}/responses.csv</c>: every submitted response of a campaign as a CSV file, for anyone signed in
/// (the pages' cookie, like the responses page it is linked from; not an <c>/api</c> endpoint).
/// </summary>
internal static class ResponsesApi
{
    public static IEndpointConventionBuilder MapResponsesApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/campaigns/{id:guid}/responses.csv", ExportAsync)
            .RequireAuthorization(Policies.SignedIn)
            .WithName("ExportCampaignResponses")
            .ExcludeFromDescription();

    private static async Task<Results<NotFound, PushStreamHttpResult>> ExportAsync(
        Guid id, IGrainFactory grains, HttpResponse response, CancellationToken ct)
    {
        if (await CampaignResponses.OpenAsync(grains, id) is not { } source)
        {
            return TypedResults.NotFound();
        }

        // Personal data in a file: no copy left in a browser's or a proxy's cache.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(
            stream => ResponsesCsv.WriteAsync(stream, source.Questions, CampaignResponses.ReadAllAsync(grains, id, group: null, ct), ct),
            "text/csv; charset=utf-8",
            FileName(source.Campaign.Definition.Name));
    }

    /// <summary>"Spring survey 2026 responses.csv", without the characters a file name cannot hold.</summary>
    private static string FileName(string campaignName)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '\\', ':', '*', '?', '<', '>', '|']).ToHashSet();
        var name = new string([.. campaignName.Select(c => invalid.Contains(c) || char.IsControl(c) ? '-' : c)]).Trim();
        return (name.Length == 0 ? "campaign" : name) + " responses.csv";
    }
}
