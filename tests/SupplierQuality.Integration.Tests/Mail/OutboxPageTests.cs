using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SupplierQuality.Email;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Mail;

[Collection(MailNode.Collection)]
public sealed partial class OutboxPageTests(MailNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static MailMessage Message(string id, string subject) =>
        new(id, new Mailbox(MailNode.NewEmail(), "Dana Supplier"), subject,
            $"<!DOCTYPE html><html><head><title>{subject}</title></head><body><p>Dear Dana, \"quoted\" &amp; <a href=\"https://sq.test/s/abc\">open the survey</a>.</p></body></html>",
            $"Dear Dana,\n\nOpen the survey: https://sq.test/s/abc\n{subject}")
        {
            InvitationId = new string('a', 64),
            UnsubscribeUrl = "https://sq.test/u/abc",
        };

    /// <summary>Writes the messages through the node's own sender, as a campaign would.</summary>
    private async Task SendAsync(params MailMessage[] messages)
    {
        var result = await fixture.Node.Services.GetRequiredService<IMailSender>().SendAsync(messages, Cancel);
        Assert.All(result.Results, r => Assert.Equal(MailSendStatus.Accepted, r.Status));
    }

    [Fact]
    public async Task Admin_sees_outbox_messages_newest_first_and_opens_one()
    {
        var run = Guid.NewGuid().ToString("N");
        var first = Message($"test/{run}: first one", $"First {run}");
        var second = Message($"test/{run}: second one", $"Second {run}");
        await SendAsync(first);
        await SendAsync(second);
        using var admin = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);

        var list = await HtmlPage.GetAsync(admin, "/admin/outbox");
        var link = Regex.Match(list.Text, $"<a href=\"(?<href>[^\"]+)\">First {run}</a>").Groups["href"].Value;
        using var response = await admin.GetAsync(link, Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var page = new HtmlPage(html);

        Assert.True(list.Text.IndexOf($"Second {run}", StringComparison.Ordinal) < list.Text.IndexOf($"First {run}", StringComparison.Ordinal), "newest first");
        Assert.Contains(first.To.Email, list.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<h1>First {run}</h1>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Dana Supplier <{first.To.Email}>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<code>{first.Id}</code>", page.Text, StringComparison.Ordinal);
        Assert.Contains("https://sq.test/u/abc", page.Text, StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe=One-Click", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<pre class=\"pre-wrap\">{first.TextBody}</pre>", page.Text, StringComparison.Ordinal);
        var frame = IFrame().Match(html);
        Assert.True(frame.Success, "The HTML body is shown in an iframe.");
        Assert.Equal("allow-popups allow-popups-to-escape-sandbox", frame.Groups["sandbox"].Value);
        Assert.Contains("<head><base target=\"_blank\"><title>", WebUtility.HtmlDecode(frame.Groups["srcdoc"].Value), StringComparison.Ordinal);
        Assert.Contains("<p>Dear Dana, \"quoted\" &amp; <a href=\"https://sq.test/s/abc\">", WebUtility.HtmlDecode(frame.Groups["srcdoc"].Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outbox_pages_through_older_messages()
    {
        var run = Guid.NewGuid().ToString("N");
        var messages = Enumerable.Range(1, 51).Select(i => Message($"{run}-{i:00}", $"Paged {run} #{i:00}")).ToArray();
        foreach (var message in messages)
        {
            await SendAsync(message);
        }

        using var admin = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);

        var newest = await HtmlPage.GetAsync(admin, "/admin/outbox");
        var older = await HtmlPage.GetAsync(admin, "/admin/outbox?page=2");

        Assert.Contains($"Paged {run} #51", newest.Text, StringComparison.Ordinal);
        Assert.Contains($"Paged {run} #02", newest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"Paged {run} #01", newest.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/admin/outbox?page=2\" rel=\"next\">Older</a>", newest.Text, StringComparison.Ordinal);
        Assert.Contains($"Paged {run} #01", older.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"Paged {run} #02", older.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/admin/outbox?page=1\" rel=\"prev\">Newer</a>", older.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_not_in_the_outbox_gets_404()
    {
        using var admin = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);

        using var response = await admin.GetAsync("/admin/outbox/no-such-message", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No such message", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_find_the_outbox_in_the_navigation()
    {
        using var admin = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);

        var home = await HtmlPage.GetAsync(admin, "/");

        Assert.Contains("<a href=\"/admin/outbox\">Outbox</a>", home.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.QualityManager, "/admin/outbox")]
    [InlineData(Roles.Executive, "/admin/outbox")]
    [InlineData(Roles.QualityManager, "/admin/outbox/some-id")]
    public async Task Non_admin_on_the_outbox_is_denied_with_403(string role, string path)
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(role);

        using var response = await client.GetAsync(path, Cancel);
        using var denied = await client.GetAsync(response.RedirectTarget(), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Theory]
    [InlineData("/admin/outbox")]
    [InlineData("/admin/outbox/some-id")]
    public async Task Anonymous_visitor_on_the_outbox_is_sent_to_sign_in(string path)
    {
        using var client = fixture.Node.CreateClient();

        using var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(path), response.RedirectTarget());
    }

    [GeneratedRegex("<iframe [^>]*\\bsandbox=\"(?<sandbox>[^\"]*)\"[^>]*\\bsrcdoc=\"(?<srcdoc>[^\"]*)\"")]
    private static partial Regex IFrame();
}
