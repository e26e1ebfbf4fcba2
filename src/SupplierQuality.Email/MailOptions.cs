using System.ComponentModel.DataAnnotations;

namespace SupplierQuality.Email;

public enum MailSenderKind
{
    /// <summary>Files in <see cref="MailOptions.OutboxPath"/>, for development: nothing leaves the machine.</summary>
    Outbox,

    /// <summary>The SendGrid v3 API, configured in the "SendGrid" section.</summary>
    SendGrid,
}

/// <summary>Which sender the node uses, and where the development outbox lives. Bound from the "Mail" section.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>When absent: SendGrid if <c>SendGrid:ApiKey</c> is set, else the outbox.</summary>
    public MailSenderKind? Sender { get; set; }

    /// <summary>The outbox folder, relative to the content root unless rooted.</summary>
    [Required]
    public string OutboxPath { get; set; } = "data/outbox";
}
