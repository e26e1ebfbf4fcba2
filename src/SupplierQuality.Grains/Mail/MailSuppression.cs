namespace SupplierQuality.Grains.Mail;

public static class MailSuppression
{
    /// <summary>The reasons stored from now on; rows stored before may hold SendGrid's event names instead.</summary>
    public const string Unsubscribed = "unsubscribed";

    public const string SpamReport = "spamreport";

    public const string Bounced = "bounced";

    public static IMailSuppressionGrain GetMailSuppression(this IGrainFactory grains, string email)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(email);
        return grains.GetGrain<IMailSuppressionGrain>(email.Trim().ToUpperInvariant());
    }

    /// <summary>
    /// A stored reason in words for a manager: the reasons are SendGrid's event names or ours, and a bounce is told
    /// apart from an unsubscribe because only a bounce is mended by fixing the address.
    /// </summary>
    public static string Describe(string reason) => reason switch
    {
        Unsubscribed or "unsubscribe" or "group_unsubscribe" => "unsubscribed",
        SpamReport => "reported the survey email as spam",
        Bounced or "bounce" => "mail to it bounced; fix the address on the supplier",
        "dropped" => "the mail service refused the address",
        _ => reason,
    };
}
