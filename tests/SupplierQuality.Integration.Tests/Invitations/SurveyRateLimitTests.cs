using System.Net;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Invitations;

public sealed class SurveyRateLimitTests
{
    [Fact]
    public async Task Survey_requests_over_the_configured_limit_get_429_while_other_pages_still_answer()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Survey:RateLimit:PermitLimit"] = "3",
            ["Survey:RateLimit:Window"] = "00:10:00",
        });
        using var client = node.CreateClient();
        var cancel = TestContext.Current.CancellationToken;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/s/abc", cancel);
            statuses.Add(response.StatusCode);
        }

        using var limited = await client.GetAsync("/s/abc", cancel);
        using var other = await client.GetAsync("/account/sign-in", cancel);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("600", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal(["no-referrer"], limited.Headers.GetValues("Referrer-Policy"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
