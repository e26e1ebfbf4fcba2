using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Commands;

namespace SupplierQuality.Web.Organisation;

/// <summary>The body of <c>PUT /api/organisation</c>: every text at once; an optional one left out is cleared.</summary>
/// <param name="Version">The version the change was made from; a save over a newer one is refused with 409. Leave it out to skip the check.</param>
internal sealed record OrganisationRequest(string? Name, string? ContactName, string? ContactEmail, string? ReplyTo, string? PrivacyNote, int? Version);

/// <summary>
/// <c>/api/organisation</c>: the buying company as suppliers see it (the same as <c>/admin/organisation</c>), for admin
/// API keys.
/// </summary>
internal static class OrganisationApi
{
    private static readonly CommandHttp<OrganisationDetails> Answers = new("The organisation settings changed since the version sent.")
    {
        ConflictFromGrain = true,
        InvalidDetail = "Nothing was saved: correct the fields named in errors.",
    };

    public static RouteGroupBuilder MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/organisation")
            .WithTags("Organisation")
            .RequireAuthorization(Policies.ApiAdmin);

        api.MapGet("/", GetOrganisation)
            .WithName("GetOrganisation")
            .WithSummary("Get the organisation settings (admin keys only)")
            .WithDescription("The buying company's name, contact person, reply-to address and privacy note as survey emails and forms show them, and its logo (type, size, tag; the image is at /organisation/logo). named is false while the name is still the placeholder \"Our company\", when campaigns cannot launch.");

        api.MapPut("/", SaveOrganisation)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("SaveOrganisation")
            .WithSummary("Save the organisation settings (admin keys only)")
            .WithDescription("Replaces every text: name (required, not \"Our company\"), contactName, contactEmail, replyTo (where replies to survey emails go; empty for the contact's address) and privacyNote (required). Send version to refuse a save over someone else's (409). The same settings again change nothing.");

        api.MapPut("/logo", SaveLogo)
            .Accepts<byte[]>("image/png", "image/jpeg", "image/gif")
            .WithName("SaveOrganisationLogo")
            .WithSummary("Replace the logo (admin keys only)")
            .WithDescription($"The body is the image file: {OrganisationInput.LogoTypes}, at most {OrganisationInput.MaxLogoBytes / 1024} KB. Its type is told by its first bytes, whatever Content-Type says; anything else is refused with 400.");

        api.MapDelete("/logo", RemoveLogo)
            .WithName("RemoveOrganisationLogo")
            .WithSummary("Remove the logo (admin keys only)");

        return api;
    }

    public static async Task<Ok<OrganisationDetails>> GetOrganisation(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetOrganisation().GetAsync());

    public static async Task<Results<Ok<OrganisationDetails>, NotFound, ValidationProblem, ProblemHttpResult>> SaveOrganisation(
        IGrainFactory grains, HttpContext http, [FromBody] OrganisationRequest body)
    {
        var profile = new OrganisationProfile(body.Name ?? string.Empty, body.ContactName, body.ContactEmail, body.ReplyTo, body.PrivacyNote ?? string.Empty);
        return (await grains.GetOrganisation().SaveAsync(new OrganisationUpdate(profile), body.Version, Who(http))).ToHttpResult(Answers);
    }

    public static async Task<Results<Ok<OrganisationDetails>, NotFound, ValidationProblem, ProblemHttpResult>> SaveLogo(
        IGrainFactory grains, HttpContext http, CancellationToken ct)
    {
        // One byte more than allowed is enough to know the file is too big; the rest is not read.
        var buffer = new byte[OrganisationInput.MaxLogoBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }

        if (length > OrganisationInput.MaxLogoBytes)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["logo"] = [OrganisationInput.LogoTooBig(null)] }, detail: Answers.InvalidDetail);
        }

        var update = new OrganisationUpdate(null, buffer[..length]);
        return (await grains.GetOrganisation().SaveAsync(update, null, Who(http))).ToHttpResult(Answers);
    }

    public static async Task<Results<Ok<OrganisationDetails>, NotFound, ValidationProblem, ProblemHttpResult>> RemoveLogo(IGrainFactory grains, HttpContext http) =>
        (await grains.GetOrganisation().SaveAsync(new OrganisationUpdate(null, RemoveLogo: true), null, Who(http))).ToHttpResult(Answers);

    private static string Who(HttpContext http) => $"API key \"{http.User.FindFirstValue(ClaimTypes.Name)}\"";
}
