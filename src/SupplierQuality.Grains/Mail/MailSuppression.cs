namespace SupplierQuality.Grains.Mail;

public static class MailSuppression
{
    public static IMailSuppressionGrain GetMailSuppression(this IGrainFactory grains, string email)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(email);
        return grains.GetGrain<IMailSuppressionGrain>(email.Trim().ToUpperInvariant());
    }
}
