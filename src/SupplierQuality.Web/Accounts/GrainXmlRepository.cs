using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Accounts;

/// <summary>
/// Data Protection keys in the <see cref="ISessionKeyRingGrain"/>, shared by all nodes. The interface is
/// synchronous; Data Protection calls it rarely (start-up, then about once a day) and caches the ring.
/// The keys are stored unencrypted, like the rest of the grain state: protect the database accordingly.
/// </summary>
internal sealed class GrainXmlRepository(IGrainFactory grains, ISiloStatusOracle silo) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        RequireActiveSilo();
        return [.. grains.GetSessionKeyRing().GetAll().GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        RequireActiveSilo();
        grains.GetSessionKeyRing().Store(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
    }

    // Blocking on a grain call before the silo runs could hang start-up; failing lets Data Protection retry later.
    private void RequireActiveSilo()
    {
        if (silo.CurrentStatus != SiloStatus.Active)
        {
            throw new InvalidOperationException($"The session key ring is in grain storage and the silo is {silo.CurrentStatus}.");
        }
    }
}
