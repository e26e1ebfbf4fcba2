using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Webhooks;

namespace SupplierQuality.Grains.Tests.Webhooks;

/// <summary>Registering endpoints: what is refused and why, and the secret each gets.</summary>
public sealed class WebhookRegistrationTests(ClusterFixture fixture) : IAsyncDisposable
{
    private readonly TestEndpoints _endpoints = new(fixture.Grains);

    public ValueTask DisposeAsync() => _endpoints.DisposeAsync();

    [Theory]
    [InlineData("", "url", "Enter the address")]
    [InlineData("erp.example.com/hooks", "url", "full http or https URL")]
    [InlineData("ftp://erp.example.com/hooks", "url", "full http or https URL")]
    [InlineData("javascript:alert(1)", "url", "full http or https URL")]
    [InlineData("https://user:secret@erp.example.com/hooks", "url", "user name and password")]
    [InlineData("https://erp.example.com/hooks#part", "url", "#fragment")]
    public async Task An_address_that_cannot_be_posted_to_is_refused_with_a_message_and_nothing_is_registered(string url, string key, string message)
    {
        var before = (await _endpoints.Registry.ListAsync()).Count;

        var result = await _endpoints.Registry.RegisterAsync(new WebhookEndpointInput(url, [WebhookEventTypes.StandingChanged]), "admin@test.local");

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Contains(message, Assert.Single(result.Errors[key]), StringComparison.Ordinal);
        Assert.Equal([key], result.Errors.Keys);
        Assert.True((await _endpoints.Registry.ListAsync()).Count <= before);
    }

    [Fact]
    public async Task Unknown_or_missing_events_and_a_description_with_a_line_break_are_each_named()
    {
        var none = await _endpoints.Registry.RegisterAsync(new WebhookEndpointInput("https://erp.example.com/hooks", []), "admin@test.local");
        var unknown = await _endpoints.Registry.RegisterAsync(
            new WebhookEndpointInput("https://erp.example.com/hooks", ["standing.changed", "supplier.deleted"], "ERP\nline two"), "admin@test.local");

        Assert.StartsWith("Choose at least one event", Assert.Single(none.Errors["events"]), StringComparison.Ordinal);
        Assert.Equal("\"supplier.deleted\" is not an event: choose from standing.changed, review.finished, campaign.closed, response.submitted.", Assert.Single(unknown.Errors["events"]));
        Assert.Equal("The description must be one line of text.", Assert.Single(unknown.Errors["description"]));
        Assert.Equal(CommandOutcome.Invalid, unknown.Outcome);
    }

    [Fact]
    public async Task A_new_endpoint_gets_a_secret_of_32_random_bytes_that_only_the_registration_answers_with()
    {
        var first = await _endpoints.AddAsync(WebhookEventTypes.CampaignClosed, WebhookEventTypes.StandingChanged, WebhookEventTypes.CampaignClosed);
        var second = await _endpoints.AddAsync(WebhookEventTypes.CampaignClosed);

        Assert.StartsWith("whsec_", first.Secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(first.Secret["whsec_".Length..]).Length);
        Assert.NotEqual(first.Secret, second.Secret);
        var listed = Assert.Single(await _endpoints.Registry.ListAsync(), e => e.Id == first.Id);
        Assert.Equal(first.Url, listed.Url);
        Assert.Equal([WebhookEventTypes.StandingChanged, WebhookEventTypes.CampaignClosed], listed.Events);
        Assert.Equal((WebhookEndpointStatus.Active, "admin@test.local", 0L), (listed.Status, listed.CreatedBy, listed.Pending));
        Assert.DoesNotContain(first.Secret, listed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_doubles_from_the_first_delay_and_stops_at_the_longest()
    {
        var options = new WebhookOptions();

        var delays = Enumerable.Range(1, 13).Select(n => WebhookBackoff.Delay(n, options).TotalSeconds);

        Assert.Equal([5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600], delays);
    }

    [Fact]
    public async Task A_registration_sent_again_under_its_id_makes_one_endpoint_and_answers_its_secret_again()
    {
        var (url, _) = RecordingWebhookSender.NewReceiver();
        var id = Guid.NewGuid();
        var input = new WebhookEndpointInput(url, [WebhookEventTypes.CampaignClosed], "ERP");

        var first = await _endpoints.Registry.RegisterAsync(input, "admin@test.local", id);
        var again = await _endpoints.Registry.RegisterAsync(input, "admin@test.local", id);
        var other = await _endpoints.Registry.RegisterAsync(input with { Description = "Another" }, "admin@test.local", id);
        _endpoints.Track(id);

        Assert.Equal((CommandOutcome.Created, CommandOutcome.Ok, CommandOutcome.Conflict), (first.Outcome, again.Outcome, other.Outcome));
        Assert.Equal((id, first.Value!.Secret), (again.Value!.Endpoint.Id, again.Value.Secret));
        Assert.Single(await _endpoints.Registry.ListAsync(), e => e.Url == url);
        Assert.Equal("ERP", (await _endpoints.Registry.GetAsync(id))!.Description);
    }

    [Fact]
    public async Task A_registration_sent_again_after_its_endpoint_was_deleted_registers_nothing()
    {
        var (url, _) = RecordingWebhookSender.NewReceiver();
        var id = Guid.NewGuid();
        var input = new WebhookEndpointInput(url, [WebhookEventTypes.CampaignClosed]);
        Assert.Equal(CommandOutcome.Created, (await _endpoints.Registry.RegisterAsync(input, "admin@test.local", id)).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await _endpoints.Registry.DeleteAsync(id)).Outcome);

        var again = await _endpoints.Registry.RegisterAsync(input, "admin@test.local", id);

        Assert.Equal(CommandOutcome.Conflict, again.Outcome);
        Assert.Contains("deleted", again.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await _endpoints.Registry.ListAsync(), e => e.Url == url);
    }
}
