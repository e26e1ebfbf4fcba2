using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Orleans.Concurrency;
using SupplierQuality.Grains.Invitations;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// One internal evaluator's mail in one campaign, keyed by <see cref="EvaluatorDigest.Key"/> (the campaign and the
/// address): the suppliers the evaluator is asked to rate, each with its invitation, and the digests intended and sent
/// (docs/adr/0007). A digest is one email listing every supplier with its link and the state of its form; a reminder
/// lists those not yet submitted. State bounded by the suppliers the evaluator rates, appended as the campaign's invite
/// pass reaches them (one write per batch of suppliers), never rewritten to record one form's progress: the forms'
/// states are read from the invitations when a digest is written.
/// </summary>
[Alias("SupplierQuality.Campaigns.IEvaluatorDigestGrain")]
public interface IEvaluatorDigestGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds the evaluator's invitations that the suppliers' campaigns issued (known ones are skipped), written before
    /// it answers. Answers what the digest already did with any of them (sent or refused: the supplier's campaign
    /// records it) and whether a digest is due for lines not sent yet.
    /// </summary>
    [Alias("AddLines")]
    Task<DigestLinesAnswer> AddLinesAsync(Guid campaignId, IReadOnlyList<DigestItem> items);

    /// <summary>
    /// Makes sure the digest of <paramref name="pass"/> is waiting when there is something to send (new suppliers for
    /// an invitation, unanswered ones for a reminder), writes that intent, and returns every digest now waiting,
    /// rendered. Repeating a pass adds nothing: each digest has a fixed id ("digest-{key}.invite-1", ".reminder-2") and
    /// is sent once. First tells the suppliers' campaigns what earlier digests did, when that is not known to be done.
    /// </summary>
    [Alias("Prepare")]
    Task<IReadOnlyList<PendingMail>> PrepareAsync(SupplierCampaignBrief brief, MailPass pass, int number);

    /// <summary>
    /// Records what the mail service said about the digests <see cref="PrepareAsync"/> returned, then marks the
    /// invitation of each supplier a sent invitation digest listed as sent (or refused) on that supplier's campaign.
    /// Throws when that could not be told: the next <see cref="PrepareAsync"/> tells it again.
    /// </summary>
    [Alias("MarkSent")]
    Task MarkSentAsync(IReadOnlyList<MailOutcome> outcomes);

    /// <summary>
    /// A delivery event of the digest sent for <paramref name="purpose"/>: recorded on the invitation of every supplier
    /// that digest listed (each invitation ignores an event id it has seen). False when no such digest is known.
    /// </summary>
    [Alias("RecordDelivery")]
    Task<bool> RecordDeliveryAsync(string purpose, DeliveryEvent delivery);

    /// <summary>The digest's lines and mail, or null when no supplier's campaign has added a line.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<EvaluatorDigestDetails?> GetAsync();
}

/// <summary>
/// What <see cref="IEvaluatorDigestGrain.AddLinesAsync"/> knew: outcomes the suppliers' campaigns should record for
/// invitations a digest already settled, and whether lines wait for an invitation digest.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.DigestLinesAnswer")]
public sealed record DigestLinesAnswer(
    [property: Id(0)] IReadOnlyList<MailOutcome> Settled,
    [property: Id(1)] bool Pending);

[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.EvaluatorDigestDetails")]
public sealed record EvaluatorDigestDetails(
    [property: Id(0)] Guid CampaignId,
    [property: Id(1)] string Email,
    [property: Id(2)] string Name,
    [property: Id(3)] IReadOnlyList<string> Suppliers,
    [property: Id(4)] IReadOnlyList<EvaluatorDigestMailLine> Mails);

/// <param name="Lines">How many of the digest's suppliers (the first ones) it covers.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Campaigns.EvaluatorDigestMailLine")]
public sealed record EvaluatorDigestMailLine(
    [property: Id(0)] string Purpose,
    [property: Id(1)] int Lines,
    [property: Id(2)] EvaluatorDigestMailStatus Status,
    [property: Id(3)] string? Reason);

public static class EvaluatorDigest
{
    /// <summary>Starts the message id of every digest, which is how delivery events find their digest.</summary>
    public const string MessagePrefix = "digest-";

    /// <summary>An address as keys compare it (as <see cref="InvitationLinks.Identity"/> and mail suppression do).</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToUpperInvariant();
    }

    /// <summary>The digest's key: SHA-256 of the campaign and the address, lower-case hex, so no address shows in ids and file names.</summary>
    public static string Key(Guid campaignId, string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{campaignId:N}/{Normalize(email)}")));

    public static IEvaluatorDigestGrain GetEvaluatorDigest(this IGrainFactory grains, Guid campaignId, string email)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IEvaluatorDigestGrain>(Key(campaignId, email));
    }

    /// <summary>"digest-{key}.{purpose}": fixed per evaluator and purpose, so a retried step sends the same message.</summary>
    public static string MessageId(string key, string purpose) => $"{MessagePrefix}{key}.{purpose}";

    /// <summary>The digest key and purpose in a message id made by <see cref="MessageId"/>; false for any other id.</summary>
    public static bool TryParseMessageId(string? messageId, [NotNullWhen(true)] out string? key, [NotNullWhen(true)] out string? purpose)
    {
        key = null;
        purpose = null;
        const int KeyLength = 64;
        if (messageId is null
            || !messageId.StartsWith(MessagePrefix, StringComparison.Ordinal)
            || messageId.Length < MessagePrefix.Length + KeyLength + 2
            || messageId[MessagePrefix.Length + KeyLength] != '.')
        {
            return false;
        }

        var candidate = messageId.Substring(MessagePrefix.Length, KeyLength);
        if (!candidate.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        key = candidate;
        purpose = messageId[(MessagePrefix.Length + KeyLength + 1)..];
        return true;
    }
}
