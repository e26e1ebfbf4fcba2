using Microsoft.Net.Http.Headers;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Web.Campaigns;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Web.Organisation;

internal static class OrganisationExtensions
{
    /// <summary>How long browsers and mail clients' image proxies may keep the logo before asking again (with its ETag).</summary>
    private const string LogoCaching = "public, max-age=3600";

    /// <summary>The organisation's name until an admin saves one: <c>Campaigns:BuyerName</c>, else the placeholder.</summary>
    public static IServiceCollection AddOrganisation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrganisationOptions>().Configure(o => o.InitialName = configuration.DefaultBuyerName());
        return services;
    }

    /// <summary>
    /// <c>GET /organisation/logo</c>: the logo, to anyone (emails and the supplier's form show it), with its content type,
    /// an ETag and a cache header; 404 when there is none.
    /// </summary>
    public static RouteHandlerBuilder MapOrganisationLogo(this IEndpointRouteBuilder app) =>
        app.MapGet(OrganisationMail.LogoPath, GetLogoAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();

    public static async Task<IResult> GetLogoAsync(IGrainFactory grains, HttpContext http)
    {
        if (await grains.GetOrganisation().GetLogoAsync() is not { } logo)
        {
            return TypedResults.NotFound();
        }

        SecurityHeaders.KeepCacheControl(http);
        http.Response.Headers.CacheControl = LogoCaching;
        // The file result answers If-None-Match with 304 by this tag.
        return TypedResults.File(logo.Content, logo.Info.ContentType, entityTag: new EntityTagHeaderValue($"\"{logo.Info.Tag}\""));
    }
}
