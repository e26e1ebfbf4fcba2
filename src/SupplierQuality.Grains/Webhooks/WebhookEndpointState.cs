namespace SupplierQuality.Grains.Webhooks;

/// <summary>
/// A stored endpoint: its definition (written once), its status, the head of its outbox and how the head's delivery
/// goes. Bounded: no list grows here; the events are in outbox pages.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Webhooks.WebhookEndpointState")]
public sealed class WebhookEndpointState
{
    [Id(0)]
    public bool Created { get; set; }

    [Id(1)]
    public bool Deleted { get; set; }

    [Id(2)]
    public string Url { get; set; } = string.Empty;

    [Id(3)]
    public List<string> Events { get; set; } = [];

    [Id(4)]
    public string? Description { get; set; }

    /// <summary>The signing secret, needed for every post; shown to people only when the endpoint is created.</summary>
    [Id(5)]
    public string Secret { get; set; } = string.Empty;

    [Id(6)]
    public string CreatedBy { get; set; } = string.Empty;

    [Id(7)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(8)]
    public bool Disabled { get; set; }

    [Id(9)]
    public DateTimeOffset? DisabledAt { get; set; }

    [Id(10)]
    public string? DisabledReason { get; set; }

    /// <summary>The sequence number of the next event to deliver; everything before it was delivered or discarded.</summary>
    [Id(11)]
    public long Head { get; set; }

    /// <summary>Failed attempts at the head event.</summary>
    [Id(12)]
    public int Attempts { get; set; }

    [Id(13)]
    public DateTimeOffset? FailingSince { get; set; }

    [Id(14)]
    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>When the head is tried again after a failure; null when it may go now.</summary>
    [Id(15)]
    public DateTimeOffset? NextAttemptAt { get; set; }

    [Id(16)]
    public string? LastError { get; set; }

    [Id(17)]
    public long Delivered { get; set; }

    [Id(18)]
    public DateTimeOffset? LastDeliveredAt { get; set; }
}
