using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Webhooks;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Scoring;
using SupplierQuality.Web.Webhooks;

namespace SupplierQuality.Integration.Tests.Webhooks;

/// <summary>
/// <c>/api/webhooks</c> and delivery through a real node to a loopback receiver: the events a review's finish sends,
/// signed so the StandardWebhooks package's verifier accepts them, retried in order through a receiver's failures.
/// </summary>
[Collection(WebhooksNode.Collection)]
public sealed class WebhooksApiTests(WebhooksNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private WebhookReceiver Receiver => fixture.Receiver;

    private async Task<(Guid Id, string Url, string Secret)> RegisterAsync(string url, params string[] events)
    {
        using var response = await fixture.Admin.PostAsJsonAsync("/api/webhooks", new { url, events }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (body.GetProperty("endpoint").GetProperty("id").GetGuid(), url, body.GetProperty("secret").GetString()!);
    }

    private async Task DeleteAsync(Guid id)
    {
        using var response = await fixture.Admin.DeleteAsync($"/api/webhooks/{id}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonElement> EndpointAsync(Guid id) =>
        await fixture.Admin.GetFromJsonAsync<JsonElement>($"/api/webhooks/{id}", Cancel);

    /// <summary>A review of two suppliers, made and finished as the review pages do it; returns its id.</summary>
    private async Task<Guid> FinishReviewAsync(string title)
    {
        var category = "category-" + Guid.NewGuid().ToString("N")[..8];
        List<ReviewRow> rows =
        [
            new(1, Guid.NewGuid(), "Castings Ltd", category, 90, 92, 80, 100, 5, 6, Standing.Strategic, false, MovementDirection.None, null),
            new(2, Guid.NewGuid(), "Forge plc", category, 30, 28, 20, 40, 5, 6, Standing.AtRisk, false, MovementDirection.None, null),
        ];
        var review = fixture.Node.Grains.GetReview(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await review.CreateAsync(new CreateReview(title, RankingPeriod.OfCampaign(Guid.NewGuid()), "Spring survey", category, rows, "exec@test.local"))).Outcome);
        Assert.Equal(CommandOutcome.Ok, (await review.FinishAsync("exec@test.local")).Outcome);
        return review.GetPrimaryKey();
    }

    private static JsonElement Json(ReceivedPost post) => JsonDocument.Parse(post.Body).RootElement;

    [Fact]
    public async Task A_finished_review_reaches_the_receiver_signed_so_the_StandardWebhooks_verifier_accepts_it()
    {
        var (id, url, secret) = await RegisterAsync(Receiver.NewUrl(), WebhookEventTypes.ReviewFinished);

        var reviewId = await FinishReviewAsync("Signed review");

        var post = Assert.Single(await Receiver.WaitAsync(url, p => p.Count > 0, "the review.finished post"));
        new StandardWebhook(secret).Verify(post.Body, post.Headers);
        Assert.Equal(WebhookEvent.IdOf(WebhookEventTypes.ReviewFinished, reviewId.ToString("N")), post.Headers["webhook-id"].ToString());
        Assert.InRange(long.Parse(post.Headers["webhook-timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.StartsWith("v1,", post.Headers["webhook-signature"].ToString(), StringComparison.Ordinal);
        Assert.StartsWith("application/json", post.Headers.ContentType.ToString(), StringComparison.Ordinal);
        var body = Json(post);
        Assert.Equal(("review.finished", reviewId, "Signed review"), (body.GetProperty("type").GetString(), body.GetProperty("data").GetProperty("reviewId").GetGuid(), body.GetProperty("data").GetProperty("title").GetString()));

        // What the verifier is for: a changed body, or another secret, does not pass.
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(post.Body.Replace("Signed review", "Forged review", StringComparison.Ordinal), post.Headers));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookInput.NewSecret()).Verify(post.Body, post.Headers));
        await DeleteAsync(id);
    }

    [Fact]
    public async Task A_receiver_failing_with_500_then_recovering_gets_every_event_once_and_in_order()
    {
        var (id, url, secret) = await RegisterAsync(Receiver.NewUrl(), WebhookEventTypes.ReviewFinished);
        Receiver.Fail(3);

        var reviews = new List<Guid> { await FinishReviewAsync("Review 1") };
        await Receiver.WaitAsync(url, p => p.Count > 0, "the first attempt");
        var failing = await EndpointAsync(id);
        Assert.True(failing.GetProperty("attempts").GetInt32() >= 1);
        Assert.Equal("HTTP 500 Internal Server Error", failing.GetProperty("lastError").GetString());
        for (var i = 2; i <= 4; i++)
        {
            reviews.Add(await FinishReviewAsync($"Review {i}"));
        }

        var posts = await Receiver.WaitAsync(url, p => p.Count(x => x.Status == 204) == 4, "all four reviews delivered");

        Assert.Equal([500, 500, 500, 204, 204, 204, 204], posts.Select(p => p.Status));
        Assert.Equal(reviews, posts.Where(p => p.Status == 204).Select(p => Json(p).GetProperty("data").GetProperty("reviewId").GetGuid()));
        Assert.Single(posts.Take(4).Select(p => p.Headers["webhook-id"].ToString()).Distinct());
        Assert.All(posts, p => new StandardWebhook(secret).Verify(p.Body, p.Headers));
        var delivered = await EndpointAsync(id);
        Assert.Equal((0, 4, 0), (delivered.GetProperty("pending").GetInt64(), delivered.GetProperty("delivered").GetInt64(), delivered.GetProperty("attempts").GetInt32()));
        Assert.Equal(JsonValueKind.Null, delivered.GetProperty("lastError").ValueKind);
        await DeleteAsync(id);
    }

    [Fact]
    public async Task Bad_registration_input_gets_400_with_a_message_per_field_and_registers_nothing()
    {
        using var bad = await fixture.Admin.PostAsJsonAsync("/api/webhooks", new { url = "ftp://erp.example.com/hooks", events = new[] { "standing.changed", "supplier.deleted" }, description = "ERP\nsecond line" }, Cancel);
        using var noEvents = await fixture.Admin.PostAsJsonAsync("/api/webhooks", new { url = "https://erp.example.com/hooks" }, Cancel);
        using var notJson = await fixture.Admin.PostAsync("/api/webhooks", new StringContent("{\"url\": ", System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");
        Assert.Equal(["description", "events", "url"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("The address must be a full http or https URL, such as https://erp.example.com/hooks/supplier-quality.", errors.GetProperty("url")[0].GetString());
        Assert.StartsWith("\"supplier.deleted\" is not an event", errors.GetProperty("events")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noEvents.StatusCode);
        Assert.StartsWith("Choose at least one event", (await noEvents.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").GetProperty("events")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType?.MediaType);
        var listed = await fixture.Admin.GetStringAsync("/api/webhooks", Cancel);
        Assert.DoesNotContain("erp.example.com", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admin_keys_manage_endpoints()
    {
        using var manager = await fixture.Manager.PostAsJsonAsync("/api/webhooks", new { url = "https://erp.example.com/hooks", events = new[] { "standing.changed" } }, Cancel);
        using var managerList = await fixture.Manager.GetAsync("/api/webhooks", Cancel);
        using var anonymous = fixture.Node.CreateClient();
        using var noKey = await anonymous.GetAsync("/api/webhooks", Cancel);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (manager.StatusCode, managerList.StatusCode, noKey.StatusCode));
    }

    [Fact]
    public async Task The_secret_is_in_the_registration_answer_and_nowhere_else()
    {
        using var created = await fixture.Admin.PostAsJsonAsync("/api/webhooks", new { url = Receiver.NewUrl(), events = new[] { "campaign.closed" }, description = "ERP purchasing" }, Cancel);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("endpoint").GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/webhooks/{id}", created.Headers.Location?.OriginalString);
        Assert.True(created.Headers.CacheControl?.NoStore);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var one = await fixture.Admin.GetStringAsync(created.Headers.Location, Cancel);
        var all = await fixture.Admin.GetStringAsync("/api/webhooks", Cancel);
        using var page = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);
        var html = await page.GetStringAsync("/admin/webhooks", Cancel);
        Assert.Contains("ERP purchasing", one, StringComparison.Ordinal);
        Assert.Contains("ERP purchasing", html, StringComparison.Ordinal);
        foreach (var text in new[] { one, all, html })
        {
            Assert.DoesNotContain(secret["whsec_".Length..], text, StringComparison.Ordinal);
            Assert.DoesNotContain("whsec_", text, StringComparison.Ordinal);
        }

        await DeleteAsync(id);
    }

    [Fact]
    public async Task A_registration_retried_with_its_idempotency_key_registers_one_endpoint_and_answers_the_same_secret()
    {
        var url = Receiver.NewUrl();
        var key = Guid.NewGuid().ToString();
        var answers = new List<(HttpStatusCode Status, Guid Id, string Secret)>();
        foreach (var body in new object[] { new { url, events = new[] { "campaign.closed" } }, new { url, events = new[] { "campaign.closed" } }, new { url, events = new[] { "review.finished" } } })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await fixture.Admin.SendAsync(request, Cancel);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            answers.Add(response.StatusCode == HttpStatusCode.Conflict
                ? (response.StatusCode, Guid.Empty, string.Empty)
                : (response.StatusCode, json.GetProperty("endpoint").GetProperty("id").GetGuid(), json.GetProperty("secret").GetString()!));
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.Status));
        Assert.Equal(answers[0].Id, answers[1].Id);
        Assert.Equal(answers[0].Secret, answers[1].Secret);
        var listed = await fixture.Admin.GetFromJsonAsync<JsonElement>("/api/webhooks", Cancel);
        Assert.Single(listed.EnumerateArray(), e => e.GetProperty("url").GetString() == url);
        await DeleteAsync(answers[0].Id);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_the_endpoint_says_why_until_it_is_tried_again()
    {
        var (id, url, _) = await RegisterAsync(new Uri(Receiver.BaseUrl, $"/hooks/{Guid.NewGuid():N}/moved").ToString(), WebhookEventTypes.ReviewFinished);

        await FinishReviewAsync("Moved review");
        await Receiver.WaitAsync(url, p => p.Count > 0, "the post to the moved address");
        var info = await EndpointAsync(id);

        Assert.Contains("redirects are not followed", info.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Receiver.Posts, p => p.Path == "/elsewhere");
        using var retry = await fixture.Admin.PostAsync($"/api/webhooks/{id}/enable", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await DeleteAsync(id);
        using var gone = await fixture.Admin.GetAsync($"/api/webhooks/{id}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_post_to_a_link_local_address_is_never_sent_and_the_endpoint_says_why()
    {
        var (id, _, _) = await RegisterAsync("http://169.254.169.254/latest/meta-data", WebhookEventTypes.ReviewFinished);

        await FinishReviewAsync("Metadata review");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? error;
        while ((error = (await EndpointAsync(id)).GetProperty("lastError").GetString()) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Cancel);
        }

        Assert.Contains("link-local address", error, StringComparison.Ordinal);
        await DeleteAsync(id);
    }

    [Theory]
    [InlineData("169.254.169.254", true)]
    [InlineData("169.254.0.1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:169.254.169.254", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("2001:db8::1", false)]
    public void Only_link_local_addresses_are_refused(string address, bool refused) =>
        Assert.Equal(refused, WebhookConnections.IsLinkLocal(System.Net.IPAddress.Parse(address)));
}
