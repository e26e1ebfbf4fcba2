using System.Net;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Mail;

/// <summary>A node that sends through SendGrid (never reached here) and has no webhook verification key.</summary>
public sealed class SendGridSenderNode : IAsyncLifetime
{
    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    public async ValueTask InitializeAsync() => _node = await TestNode.StartAsync(new Dictionary<string, string?>
    {
        ["SendGrid:ApiKey"] = "SG.test-key",
        ["SendGrid:FromEmail"] = "surveys@acme.test",
        ["SendGrid:BaseUrl"] = "http://127.0.0.1:9",
    });

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

public sealed class SendGridSenderTests(SendGridSenderNode fixture) : IClassFixture<SendGridSenderNode>
{
    [Fact]
    public async Task Webhook_without_a_configured_key_answers_404()
    {
        const string Body = """[{"event":"unsubscribe","email":"x@supplier.test","timestamp":1894006800,"sg_event_id":"ev-1"}]""";

        using var unsigned = await MailNode.PostAsync(fixture.Node, Body, null, null);
        using var signed = await MailNode.PostAsync(fixture.Node, Body, "MEUCIQ==", "1894006800");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unsigned.StatusCode, signed.StatusCode));
    }

    [Theory]
    [InlineData("/admin/outbox")]
    [InlineData("/admin/outbox/some-id")]
    public async Task With_SendGrid_sending_the_outbox_page_says_there_is_no_outbox(string path)
    {
        using var admin = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);

        var page = await HtmlPage.GetAsync(admin, path);

        Assert.Contains("Mail goes to SendGrid, so there is no outbox.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<table>", page.Text, StringComparison.Ordinal);
    }
}
