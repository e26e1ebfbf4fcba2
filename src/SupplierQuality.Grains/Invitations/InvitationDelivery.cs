using System.Runtime.Serialization;

namespace SupplierQuality.Grains.Invitations;

/// <summary>What the mail service last said about an invitation's emails. Stored and sent by name.</summary>
[GenerateSerializer, Alias("SupplierQuality.Invitations.MailDelivery")]
public enum MailDelivery
{
    /// <summary>No event yet.</summary>
    None = 0,

    /// <summary>The service took the message and will try to deliver it.</summary>
    Processed = 1,

    /// <summary>The receiving server is delaying it; the service keeps trying.</summary>
    Deferred = 2,

    Delivered = 3,

    /// <summary>The receiving server refused it.</summary>
    Bounced = 4,

    /// <summary>The service would not send it (a suppressed or invalid address, for example).</summary>
    Dropped = 5,
}

/// <summary>
/// The mail service's events an invitation records. Each member carries the service's name for it, which is how
/// invitations stored before this type existed hold their events (as strings; newer rows hold the number).
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Invitations.DeliveryEventType")]
public enum DeliveryEventType
{
    [EnumMember(Value = "processed")]
    Processed = 0,

    [EnumMember(Value = "deferred")]
    Deferred = 1,

    [EnumMember(Value = "delivered")]
    Delivered = 2,

    [EnumMember(Value = "bounce")]
    Bounce = 3,

    [EnumMember(Value = "dropped")]
    Dropped = 4,

    [EnumMember(Value = "open")]
    Open = 5,

    [EnumMember(Value = "click")]
    Click = 6,

    [EnumMember(Value = "unsubscribe")]
    Unsubscribe = 7,

    /// <summary>Unsubscribed from the group of mail the surveys are sent in.</summary>
    [EnumMember(Value = "group_unsubscribe")]
    GroupUnsubscribe = 8,

    [EnumMember(Value = "spamreport")]
    SpamReport = 9,
}

/// <summary>One delivery event from the mail service's webhook, as the invitation records it.</summary>
/// <param name="HardBounce">A permanent failure: the address will not work again.</param>
/// <param name="EventId">The service's id of the event, so a re-posted event is recorded once.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.DeliveryEvent")]
public sealed record DeliveryEvent(
    [property: Id(0)] DeliveryEventType Type,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Reason,
    [property: Id(3)] bool HardBounce,
    [property: Id(4)] string? EventId);

/// <summary>
/// What the supplier's campaign needs to know of one invitation. <paramref name="Revision"/> goes up with every change,
/// so a late or repeated report never replaces a newer one.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Invitations.InvitationProgress")]
public sealed record InvitationProgress(
    [property: Id(0)] string InvitationKey,
    [property: Id(1)] int Revision,
    [property: Id(2)] InvitationStatus Status,
    [property: Id(3)] MailDelivery Delivery,
    [property: Id(4)] bool EmailOpened,
    [property: Id(5)] bool Unsubscribed,
    [property: Id(6)] int ResponseVersion,
    [property: Id(7)] ResponseScores? Scores,
    [property: Id(8)] DateTimeOffset? SubmittedAt,
    [property: Id(9)] bool SpamReported = false)
{
    /// <summary>An invitation that has reported nothing yet.</summary>
    public static InvitationProgress Issued(string invitationKey) =>
        new(invitationKey, 0, InvitationStatus.Issued, MailDelivery.None, false, false, 0, null, null);
}
