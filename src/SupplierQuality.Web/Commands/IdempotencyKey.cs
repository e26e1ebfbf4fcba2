using System.Security.Cryptography;
using System.Text;

namespace SupplierQuality.Web.Commands;

/// <summary>The <c>Idempotency-Key</c> request header, as the id of the command it names.</summary>
internal static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>The same key names the same command, whatever its form; no key names a command of its own.</summary>
    public static Guid ToId(string? key) =>
        string.IsNullOrWhiteSpace(key) ? Guid.NewGuid() : new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim())).AsSpan(0, 16));
}
