using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Email.SendGrid;

namespace SupplierQuality.Email.Tests;

public sealed class MailServiceCollectionExtensionsTests
{
    [Fact]
    public void Without_an_api_key_mail_goes_to_the_outbox_under_the_content_root()
    {
        using var services = Build([]);

        Assert.IsType<OutboxMailSender>(services.GetRequiredService<IMailSender>());
        Assert.Equal(Path.GetFullPath("/srv/sq/data/outbox"), services.GetRequiredService<IOptions<MailOptions>>().Value.OutboxPath);
        Assert.NotNull(services.GetRequiredService<OutboxReader>());
        Assert.NotNull(services.GetRequiredService<SendGridEventWebhook>());
    }

    [Fact]
    public void With_an_api_key_mail_goes_to_SendGrid()
    {
        using var services = Build(new() { ["SendGrid:ApiKey"] = "SG.key", ["SendGrid:FromEmail"] = "surveys@buyer.example" });

        Assert.IsType<SendGridMailSender>(services.GetRequiredService<IMailSender>());
    }

    [Fact]
    public void The_outbox_can_be_chosen_even_with_an_api_key()
    {
        using var services = Build(new() { ["Mail:Sender"] = "Outbox", ["SendGrid:ApiKey"] = "SG.key" });

        Assert.IsType<OutboxMailSender>(services.GetRequiredService<IMailSender>());
    }

    [Fact]
    public void SendGrid_without_a_sender_address_fails_validation()
    {
        using var services = Build(new() { ["Mail:Sender"] = "SendGrid" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SendGridOptions>>().Value);
        Assert.Contains(error.Failures, f => f.Contains(nameof(SendGridOptions.ApiKey), StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(nameof(SendGridOptions.FromEmail), StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging(l => l.ClearProviders())
            .AddMail(configuration, "/srv/sq")
            .BuildServiceProvider();
    }
}
