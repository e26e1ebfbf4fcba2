using Microsoft.Extensions.Caching.Memory;
using SupplierQuality.Grains.Organisation;

namespace SupplierQuality.Web.Invitations;

/// <summary>
/// The organisation as the supplier's pages show it (logo, contact person, reply-to, privacy note), kept
/// <see cref="Lifetime"/> in this node's memory: otherwise every view of every form would call the one organisation
/// grain. An admin's change reaches the forms within that time. The form reads it only to show a page, never for a
/// stored save or submit.
/// </summary>
public sealed class SurveyOrganisation(IGrainFactory grains, IMemoryCache cache, ILogger<SurveyOrganisation> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private static readonly object Key = new();

    /// <summary>
    /// The organisation, or null when it cannot be read now: the form is still shown, with the buying company's name
    /// from the invitation and without the rest, rather than not at all.
    /// </summary>
    public async Task<OrganisationDetails?> GetAsync()
    {
        if (cache.TryGetValue(Key, out OrganisationDetails? cached))
        {
            return cached;
        }

        try
        {
            return cache.Set(Key, await grains.GetOrganisation().GetAsync(), Lifetime);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The organisation could not be read; the survey page is shown without its logo, contact and privacy note.");
            return null;
        }
    }
}
