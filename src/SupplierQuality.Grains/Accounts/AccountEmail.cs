using System.Net.Mail;

namespace SupplierQuality.Grains.Accounts;

/// <summary>
/// Accounts are keyed by the normalized email (trimmed, lower case), so "Ann@Example.com" and "ann@example.com"
/// are one account.
/// </summary>
public static class AccountEmail
{
    public const int MaxLength = 254;

    /// <summary>The normalized form of a well-formed email address, or null when it is not one.</summary>
    public static string? Normalize(string? input)
    {
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength
            || !MailAddress.TryCreate(trimmed, out var address)
            // MailAddress also accepts "Name <a@b>" and comments; an account email is the bare address.
            || !string.Equals(address.Address, trimmed, StringComparison.Ordinal)
            || address.Host.Length == 0 || trimmed.Any(char.IsWhiteSpace))
        {
            return null;
        }

        return trimmed.ToLowerInvariant();
    }

    public static bool IsNormalized(string? key) => key is not null && string.Equals(Normalize(key), key, StringComparison.Ordinal);
}
