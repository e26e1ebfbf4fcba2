namespace SupplierQuality.Grains.Mail;

public static class MailSuppression
{
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
        "unsubscribed" or "unsubscribe" or "group_unsubscribe" => "unsubscribed",
        "spamreport" => "reported the survey email as spam",
        "bounced" or "bounce" => "mail to it bounced; fix the address on the supplier",
        "dropped" => "the mail service refused the address",
        _ => reason,
    };
}
