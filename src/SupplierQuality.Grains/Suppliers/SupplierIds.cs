using System.Security.Cryptography;
using System.Text;

namespace SupplierQuality.Grains.Suppliers;

/// <summary>Supplier ids. A supplier that another system names gets an id derived from that name.</summary>
public static class SupplierIds
{
    /// <summary>
    /// A name-based UUID (RFC 9562 version 8) from SHA-256 of <c>"supplier:" + externalId</c>: every node and every
    /// retry of the same ERP push lands on the same supplier grain, so retries cannot create duplicates.
    /// The external id is compared exactly (after trimming): ERP keys are case-sensitive.
    /// </summary>
    public static Guid FromExternalId(string externalId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("supplier:" + externalId.Trim()), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The id a new supplier gets: derived from its external id when it has one, else random.</summary>
    public static Guid ForNew(string? externalId) =>
        string.IsNullOrWhiteSpace(externalId) ? Guid.NewGuid() : FromExternalId(externalId);
}
