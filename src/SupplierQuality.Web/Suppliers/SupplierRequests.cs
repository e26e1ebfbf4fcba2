using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Suppliers;

/// <summary>
/// A contact as API clients send it. <see cref="Language"/> is a two-letter code (en, de, fr, es); left out, the
/// contact gets mail in the campaign's language.
/// </summary>
internal sealed record ContactRequest(string? Name, string? Email, string? Role = null, string? Phone = null, string? Language = null);

/// <summary>
/// The body of <c>POST /api/suppliers</c>. With an <see cref="ExternalId"/> the supplier id is derived from it, so
/// a retried push from an ERP finds the supplier it created before.
/// </summary>
internal sealed record CreateSupplierRequest(
    string? Name,
    string? Category,
    string? ExternalId,
    string? Status,
    IReadOnlyList<ContactRequest?>? Contacts);

/// <summary>
/// The body of <c>PUT /api/suppliers/{id}</c>: the whole profile plus the <see cref="Version"/> it was based on.
/// The external id may be left out; if sent it must be the supplier's own.
/// </summary>
internal sealed record UpdateSupplierRequest(
    string? Name,
    string? Category,
    string? ExternalId,
    string? Status,
    IReadOnlyList<ContactRequest?>? Contacts,
    int? Version);

internal static class SupplierRequestMapping
{
    /// <summary>The normalized profile and every field error the request has (empty when it is valid).</summary>
    public static (SupplierProfile Profile, Dictionary<string, string[]> Errors) ToProfile(
        string? name, string? category, string? externalId, string? status, IReadOnlyList<ContactRequest?>? contacts)
    {
        var statusKnown = SupplierInput.TryParseStatus(status, out var parsedStatus);
        var profile = SupplierInput.Normalize(new SupplierProfile(
            name ?? string.Empty,
            category,
            externalId,
            parsedStatus ?? SupplierStatus.Active,
            [.. (contacts ?? []).Select(c => new SupplierContact(c?.Name, c?.Email ?? string.Empty, c?.Role, c?.Phone, c?.Language))]));
        var errors = SupplierInput.Validate(profile);
        if (!statusKnown)
        {
            errors["status"] = ["The status must be Active or Inactive."];
        }

        return (profile, errors);
    }
}
