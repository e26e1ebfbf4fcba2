using System.ComponentModel.DataAnnotations;

namespace SupplierQuality.Web.Hosting;

/// <summary>How this node joins its cluster. Bound from the "Node" section.</summary>
internal sealed class NodeOptions
{
    public const string SectionName = "Node";

    [Required]
    public string ClusterId { get; set; } = "supplierquality";

    [Required]
    public string ServiceId { get; set; } = "supplierquality";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other nodes reach this one on; when absent Orleans picks this host's address.</summary>
    public string? AdvertisedIPAddress { get; set; }
}
