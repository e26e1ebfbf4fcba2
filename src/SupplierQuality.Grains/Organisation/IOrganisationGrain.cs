using Orleans.Concurrency;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Organisation;

/// <summary>
/// The buying company as suppliers see it, one per installation (key 0, see <see cref="OrganisationGrains.GetOrganisation"/>):
/// its name, logo, the quality team's contact person, where replies go and who sees the answers. Campaign emails and
/// the supplier's form read it; admins change it. State: a few short texts and a logo of at most
/// <see cref="OrganisationInput.MaxLogoBytes"/> bytes.
/// </summary>
[Alias("SupplierQuality.Organisation.IOrganisationGrain")]
public interface IOrganisationGrain : IGrainWithIntegerKey
{
    /// <summary>The settings now; before anyone saved, version 0 with the configured initial name (<see cref="OrganisationOptions"/>).</summary>
    [Alias("Get"), ReadOnly]
    Task<OrganisationDetails> GetAsync();

    /// <summary>The logo's bytes, or null when there is none.</summary>
    [Alias("GetLogo"), ReadOnly]
    Task<OrganisationLogo?> GetLogoAsync();

    /// <summary>
    /// Saves the texts and the logo change of <paramref name="update"/> together, as a new version: every value is
    /// checked first, and an invalid one writes nothing (<see cref="CommandOutcome.Invalid"/>, keys <c>name</c>,
    /// <c>contactName</c>, <c>contactEmail</c>, <c>replyTo</c>, <c>privacyNote</c>, <c>logo</c>). A save made from
    /// a version other than the current one (<paramref name="expectedVersion"/>; null to skip the check) is a
    /// <see cref="CommandOutcome.Conflict"/> and writes nothing. Saving what is already current is
    /// <see cref="CommandOutcome.Ok"/> and writes nothing, so a retry is harmless.
    /// </summary>
    [Alias("Save")]
    Task<CommandResult<OrganisationDetails>> SaveAsync(OrganisationUpdate update, int? expectedVersion, string changedBy);
}

public static class OrganisationGrains
{
    /// <summary>The installation's organisation.</summary>
    public static IOrganisationGrain GetOrganisation(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IOrganisationGrain>(0);
    }
}
