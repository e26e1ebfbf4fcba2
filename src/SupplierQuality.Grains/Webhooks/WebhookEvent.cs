using System.Security.Cryptography;
using System.Text;

namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// One event as it is queued and sent: its id (the <c>webhook-id</c> header, the same on every attempt), its type and
/// the JSON body, made once when the event happened so every attempt sends the same bytes. Stored in outbox pages.
/// </summary>
/// <param name="Id">Derived from what the event is about (<see cref="IdOf"/>), so an emit that is retried is one event.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Webhooks.WebhookEvent")]
public sealed record WebhookEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset OccurredAt,
    [property: Id(3)] string Payload)
{
    /// <summary>"msg_" and 32 hex digits of the SHA-256 of the parts: the same parts always give the same id.</summary>
    public static string IdOf(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts)));
        return "msg_" + Convert.ToHexStringLower(hash)[..32];
    }
}
