using System.Security.Cryptography;

namespace SupplierQuality.Grains.Accounts;

/// <summary>What a password must be, and one-time passwords.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;

    /// <summary>PBKDF2 cost grows with length; nobody types more, so longer input is refused rather than hashed.</summary>
    public const int MaxLength = 128;

    // No look-alike characters (0/O, 1/l/I), so a one-time password read off a screen is typed right.
    private const string OneTimeAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Why the password is not acceptable, or null when it is.</summary>
    public static string? Problem(string? password) => password switch
    {
        null or "" => "Enter a password.",
        { Length: < MinLength } => $"Use at least {MinLength} characters.",
        { Length: > MaxLength } => $"Use at most {MaxLength} characters.",
        _ when string.IsNullOrWhiteSpace(password) => "A password cannot be only spaces.",
        _ => null,
    };

    /// <summary>A random password (about 93 bits from a CSPRNG) to hand over once; its holder must change it.</summary>
    public static string GenerateOneTime() => RandomNumberGenerator.GetString(OneTimeAlphabet, 16);
}
