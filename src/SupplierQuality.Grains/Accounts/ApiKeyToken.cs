using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SupplierQuality.Grains.Accounts;

/// <summary>
/// API keys: "sq_" and 32 random bytes (base64url) from a CSPRNG. Only the SHA-256 of a key is stored (it keys
/// the <see cref="IApiKeyGrain"/>); a slow hash buys nothing against 256 random bits.
/// </summary>
public static class ApiKeyToken
{
    public const string Prefix = "sq_";

    private const int SecretBytes = 32;

    private static readonly SearchValues<char> Base64UrlCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly SearchValues<char> LowerHexCharacters = SearchValues.Create("0123456789abcdef");

    /// <summary>Base64url of 32 bytes without padding is 43 characters.</summary>
    public static readonly int Length = Prefix.Length + Base64Url.GetEncodedLength(SecretBytes);

    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Shape only: lets malformed keys be refused without a grain call.</summary>
    public static bool IsWellFormed(string? key) =>
        key is not null && key.Length == Length && key.StartsWith(Prefix, StringComparison.Ordinal)
        && key.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64UrlCharacters) < 0;

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsHash(string? value) =>
        value is { Length: 64 } && value.AsSpan().IndexOfAnyExcept(LowerHexCharacters) < 0;

    /// <summary>A short id to name a key in lists and logs; reveals nothing usable about the key.</summary>
    public static string ShortId(string keyHash) => keyHash[..12];
}
