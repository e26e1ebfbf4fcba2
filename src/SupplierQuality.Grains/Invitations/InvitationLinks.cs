using System.Security.Cryptography;
using System.Text;

namespace SupplierQuality.Grains.Invitations;

/// <summary>
/// Link tokens are derived, not drawn: HMAC-SHA256 of the invitation's identity under a 256-bit key from a CSPRNG
/// (<see cref="IInvitationLinkKeyGrain"/>). So a send that must be repeated after a crash, a reminder and a manager's
/// resend all carry the same link, while storage still holds only the SHA-256 of each token (docs/adr/0001).
/// </summary>
public static class InvitationLinks
{
    /// <summary>The identity of one invitation: who is asked about which supplier in which campaign.</summary>
    public static string Identity(Guid campaignId, Guid supplierId, RecipientKind kind, string email) =>
        $"{campaignId:N}/{supplierId:N}/{kind}/{email.Trim().ToUpperInvariant()}";

    /// <summary>The token for <paramref name="identity"/>: the first <see cref="InvitationToken.TokenBytes"/> bytes of the HMAC, base64url.</summary>
    public static string Token(byte[] key, string identity)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(identity);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(identity));
        return InvitationToken.Encode(mac.AsSpan(0, InvitationToken.TokenBytes));
    }

    /// <summary>The survey form's address for <paramref name="token"/> under the site's public address.</summary>
    public static string SurveyUrl(string publicBaseUrl, string token) => $"{Base(publicBaseUrl)}/s/{token}";

    /// <summary>The unsubscribe page's address for <paramref name="token"/>.</summary>
    public static string UnsubscribeUrl(string publicBaseUrl, string token) => $"{Base(publicBaseUrl)}/u/{token}";

    private static string Base(string publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        return publicBaseUrl.TrimEnd('/');
    }
}

/// <summary>Who an invitation goes to.</summary>
[GenerateSerializer, Alias("SupplierQuality.Invitations.RecipientKind")]
public enum RecipientKind
{
    /// <summary>A contact of the supplier, answering about their own company.</summary>
    Contact = 0,

    /// <summary>A named colleague of the buying company, rating the supplier.</summary>
    Evaluator = 1,
}
