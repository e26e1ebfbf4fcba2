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

    /// <summary>
    /// 0: no Orleans gateway, the default. The node calls its grains in-process and needs none; an operator who
    /// wants one for a tool gets it on loopback only, behind the same mutual TLS as the silo port.
    /// </summary>
    [Range(0, 65535)]
    public int GatewayPort { get; set; }

    /// <summary>The address other nodes reach this one on, and the only one the silo listens on.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>The cluster certificate with its private key: a PEM file, or a PFX with <see cref="CertificatePassword"/>.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The cluster certificate and its private key as PEM text, e.g. from a secret in an environment variable.</summary>
    public string? CertificatePem { get; set; }

    /// <summary>A certificate authority whose certificates other nodes may present instead of this node's own.</summary>
    public string? TrustedCaPath { get; set; }

    /// <summary>
    /// The node runs in a Kubernetes pod (Orleans Kubernetes hosting): the silo is named after its pod, labels it with the
    /// cluster's ids, and a silo whose pod is deleted is declared dead at once instead of after missed probes. Needs
    /// PostgreSQL, POD_NAME and POD_NAMESPACE from the downward API and a role that may get, list, watch and patch pods
    /// (deploy/kubernetes). Off unless set: outside a pod, or without the role, the silo would not start.
    /// </summary>
    public bool Kubernetes { get; set; }
}
