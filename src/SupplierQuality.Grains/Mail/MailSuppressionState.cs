namespace SupplierQuality.Grains.Mail;

[GenerateSerializer, Alias("SupplierQuality.Mail.MailSuppressionState")]
internal sealed class MailSuppressionState
{
    [Id(0)]
    public string? Reason { get; set; }

    [Id(1)]
    public DateTimeOffset? Since { get; set; }
}
