using System.Security.Cryptography;
using System.Text;

namespace SupplierQuality.Grains.Invitations;

/// <summary>
/// The secret in a supplier's link <c>/s/{token}</c>: <see cref="TokenBytes"/> bytes from a CSPRNG, base64url
/// without padding. Only <see cref="Hash"/> of it is stored (it is the invitation grain's key), so a copy of the
/// database does not hold working links.
/// </summary>
public static class InvitationToken
{
    /// <summary>192 bits: more than the 128 the design asks for, and a whole number of base64 characters.</summary>
    public const int TokenBytes = 24;

    /// <summary>The length of every token: 4 characters for every 3 bytes.</summary>
    public const int Length = TokenBytes / 3 * 4;

    public static string New() => Encode(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>SHA-256 of the token's characters, lower-case hex: the invitation grain's key.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    }

    /// <summary>
    /// True when <paramref name="value"/> has a token's shape (length and alphabet), checked before any grain call
    /// so malformed links cost nothing. A well-formed token may still be unknown.
    /// </summary>
    public static bool TryParse(string? value, out string token)
    {
        token = string.Empty;
        if (value is null || value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        token = value;
        return true;
    }

    /// <summary>Base64url without padding.</summary>
    internal static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
