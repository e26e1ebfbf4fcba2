namespace SupplierQuality.Grains.Mail;

/// <summary>
/// Whether survey mail may go to one address, keyed by the address in upper case (see <see cref="MailSuppression"/>).
/// An unsubscribe, a spam report or a hard bounce suppresses it for every campaign.
/// </summary>
[Alias("SupplierQuality.Mail.IMailSuppressionGrain")]
public interface IMailSuppressionGrain : IGrainWithStringKey
{
    /// <summary>Stops further mail to the address. The first reason is kept. Idempotent.</summary>
    [Alias("Suppress")]
    Task SuppressAsync(string reason);

    /// <summary>Why mail to the address is stopped, or null when it may be sent.</summary>
    [Alias("Reason")]
    Task<string?> ReasonAsync();
}
