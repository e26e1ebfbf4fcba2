using System.Net;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Mail;

public sealed class UnsubscribeRateLimitTests
{
    [Fact]
    public async Task Unsubscribe_links_count_against_the_survey_rate_limit()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Survey:RateLimit:PermitLimit"] = "3",
            ["Survey:RateLimit:Window"] = "00:10:00",
        });
        using var client = node.CreateClient();
        var cancel = TestContext.Current.CancellationToken;

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/s/abc", "/u/abc", "/u/abc", "/u/abc", "/s/abc" })
        {
            using var response = await client.GetAsync(path, cancel);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            statuses);
    }
}
