using System.Globalization;
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
        return Derive("supplier:" + externalId.Trim());
    }

    /// <summary>
    /// The id an import gives a new supplier without an external id: derived from its name, ignoring case as the
    /// import's name matching does, so importing the file again after an interrupted import lands on the supplier it
    /// saved (and may not have listed yet) instead of creating a second one. <paramref name="attempt"/> counts from 1
    /// and moves on while the id belongs to a listed supplier under another name (renamed since its import).
    /// </summary>
    public static Guid FromImportedName(string name, int attempt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return Derive(string.Create(CultureInfo.InvariantCulture, $"supplier-name:{attempt}:{name.Trim().ToUpperInvariant()}"));
    }

    /// <summary>The id a new supplier gets: derived from its external id when it has one, else random.</summary>
    public static Guid ForNew(string? externalId) =>
        string.IsNullOrWhiteSpace(externalId) ? Guid.NewGuid() : FromExternalId(externalId);

    /// <summary>A name-based UUID (RFC 9562 version 8): the first 16 bytes of SHA-256 of the text.</summary>
    private static Guid Derive(string text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
