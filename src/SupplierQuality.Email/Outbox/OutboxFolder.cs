using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SupplierQuality.Email.Outbox;

/// <summary>The folder layout shared by <see cref="OutboxMailSender"/> and <see cref="OutboxReader"/>.</summary>
internal static class OutboxFolder
{
    public const string Extension = ".json";
    public const string TempExtension = ".tmp";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Path(IOptions<MailOptions> options) => System.IO.Path.GetFullPath(options.Value.OutboxPath);

    /// <summary>
    /// The same for the same id, so a re-sent message finds its file: a readable prefix of the id and a hash of all of
    /// it (ids may hold characters a file name cannot, and two ids may share a prefix).
    /// </summary>
    public static string FileName(string id)
    {
        var readable = new string([.. id.Take(40).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..16];
        return $"{readable}-{hash}{Extension}";
    }
}
