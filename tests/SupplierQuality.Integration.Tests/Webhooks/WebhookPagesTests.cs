using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Webhooks;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Webhooks;

/// <summary><c>/admin/webhooks</c> as an admin uses it: register (the secret shown once), bad input, the disabled banner.</summary>
[Collection(WebhooksNode.Collection)]
public sealed partial class WebhookPagesTests(WebhooksNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient admin, string url, params string[] events) =>
        admin.PostFormAsync("/admin/webhooks?handler=Register",
        [
            new("Form.Url", url),
            .. events.Select(e => new KeyValuePair<string, string>("Form.Events", e)),
            new("Form.Description", "ERP purchasing"),
        ]);

    [Fact]
    public async Task An_admin_registers_an_endpoint_on_the_page_and_sees_its_secret_only_in_that_answer()
    {
        using var admin = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);
        var url = fixture.Receiver.NewUrl();

        using var response = await RegisterAsync(admin, url, WebhookEventTypes.StandingChanged, WebhookEventTypes.CampaignClosed);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var secret = Secret().Match(html).Groups[1].Value;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Contains("it is shown only once", html, StringComparison.Ordinal);
        var later = await admin.GetStringAsync("/admin/webhooks", Cancel);
        Assert.Contains(url, later, StringComparison.Ordinal);
        Assert.Contains("standing.changed, campaign.closed", later, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", later, StringComparison.Ordinal);
        var endpoint = Assert.Single(await fixture.Node.Grains.GetWebhookRegistry().ListAsync(), e => e.Url == url);
        await fixture.Node.Grains.GetWebhookRegistry().DeleteAsync(endpoint.Id);
    }

    [Fact]
    public async Task The_register_form_sent_twice_registers_one_endpoint_and_shows_its_secret_both_times()
    {
        using var admin = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);
        var url = fixture.Receiver.NewUrl();
        var registrationId = Guid.NewGuid().ToString();
        KeyValuePair<string, string>[] form = [new("Form.Url", url), new("Form.Events", WebhookEventTypes.CampaignClosed), new("Form.RegistrationId", registrationId)];

        using var first = await admin.PostFormAsync("/admin/webhooks?handler=Register", form);
        using var again = await admin.PostFormAsync("/admin/webhooks?handler=Register", form);

        var secrets = new List<string>();
        foreach (var response in new[] { first, again })
        {
            secrets.Add(Secret().Match(await response.Content.ReadAsStringAsync(Cancel)).Groups[1].Value);
        }

        Assert.StartsWith("whsec_", secrets[0], StringComparison.Ordinal);
        Assert.Equal(secrets[0], secrets[1]);
        var endpoint = Assert.Single(await fixture.Node.Grains.GetWebhookRegistry().ListAsync(), e => e.Url == url);
        await fixture.Node.Grains.GetWebhookRegistry().DeleteAsync(endpoint.Id);
    }

    [Fact]
    public async Task Bad_input_shows_the_form_again_with_a_message_per_field_and_registers_nothing()
    {
        using var admin = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);
        var before = (await fixture.Node.Grains.GetWebhookRegistry().ListAsync()).Count;

        using var response = await RegisterAsync(admin, "ftp://erp.example.com/hooks");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Error: Webhooks", html, StringComparison.Ordinal);
        Assert.Contains("The address must be a full http or https URL", html, StringComparison.Ordinal);
        Assert.Contains("Choose at least one event", html, StringComparison.Ordinal);
        Assert.Contains("value=\"ftp://erp.example.com/hooks\"", html, StringComparison.Ordinal);
        Assert.Equal(before, (await fixture.Node.Grains.GetWebhookRegistry().ListAsync()).Count);
    }

    [Fact]
    public async Task An_endpoint_failing_for_a_day_is_disabled_the_page_says_so_and_enabling_it_delivers_what_waited()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartAsync(WebhooksNode.Settings(), time);
        var registry = node.Grains.GetWebhookRegistry();
        var url = fixture.Receiver.NewUrl();
        var endpoint = (await registry.RegisterAsync(new WebhookEndpointInput(url, [WebhookEventTypes.ReviewFinished]), TestNode.AdminEmail)).Value!.Endpoint;
        fixture.Receiver.Fail();
        var waiting = new WebhookEvent(WebhookEvent.IdOf("test", Guid.NewGuid().ToString("N")), WebhookEventTypes.ReviewFinished, time.GetUtcNow(), "{\"type\":\"review.finished\"}");

        await node.Grains.PublishWebhooksAsync(waiting);
        var started = time.GetUtcNow();
        WebhookEndpointInfo info;
        do
        {
            Assert.True(time.GetUtcNow() < started.AddDays(2), "The endpoint was never disabled.");
            await node.Grains.GetWebhookEndpoint(endpoint.Id).RunAsync();
            info = (await registry.GetAsync(endpoint.Id))!;
            if (info.NextAttemptAt is { } next)
            {
                time.Advance(next - time.GetUtcNow());
            }
        }
        while (info.Status != WebhookEndpointStatus.Disabled);

        // Signed in now: a day has passed on the node's clock.
        using var admin = await node.CreateSignedInClientAsync(Roles.Admin);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/webhooks", Cancel));
        Assert.Contains("A webhook endpoint is disabled", page, StringComparison.Ordinal);
        Assert.Contains($"{url}</a>: No post succeeded for 24 hours", page, StringComparison.Ordinal);
        Assert.Contains("Last error: HTTP 500 Internal Server Error", page, StringComparison.Ordinal);
        // Retries 1 s apart here, doubling to an hour: 1 + 12 + 23 attempts until a day had passed.
        var failures = fixture.Receiver.To(url).Count;
        Assert.Equal((36, 36), (failures, info.Attempts));
        Assert.True(info.DisabledAt - started >= TimeSpan.FromDays(1));

        fixture.Receiver.Recover();
        using var enabled = await admin.PostFormAsync("/admin/webhooks?handler=Enable", [new("id", endpoint.Id.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        var after = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/webhooks", Cancel));
        Assert.Contains($"{url} is enabled and delivers from now, 1 event waiting.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("webhook endpoint is disabled", after, StringComparison.Ordinal);
        var posts = await fixture.Receiver.WaitAsync(url, p => p.Count > failures, "the waiting event after enabling");
        Assert.Equal((204, waiting.Id), (posts[^1].Status, posts[^1].Headers["webhook-id"].ToString()));
    }

    [GeneratedRegex("<code id=\"webhook-secret\">([^<]+)</code>")]
    private static partial Regex Secret();
}
