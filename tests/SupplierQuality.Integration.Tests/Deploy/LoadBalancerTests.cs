using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Deploy;

/// <summary>
/// The load balancer of deploy/loadbalancer in its own process, in front of two stand-in nodes (Kestrel on loopback,
/// each answering its name), with health checks a minute apart so only the passive check can notice a node's death.
/// </summary>
public sealed class LoadBalancerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_that_dies_between_two_checks_is_left_out_after_the_first_request_that_finds_it_dead()
    {
        await using var a = await StandInNode.StartAsync("a");
        await using var b = await StandInNode.StartAsync("b");
        await using var balancer = await BalancerProcess.StartAsync(FreePort.Next(), [a.BaseAddress, b.BaseAddress], TimeSpan.FromMinutes(1));
        using var client = new HttpClient { BaseAddress = balancer.BaseAddress };
        var before = await AskAsync(client, 10);
        Assert.Equal(["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"], before.Order());

        await b.DisposeAsync();
        var after = await AskAsync(client, 20);

        // The balancer marks the node down just after the failed request, on another thread: the next one may be under
        // way already. YARP's defaults (30% of at least 10 requests in a minute) gave the dead node every other request
        // until it had failed 4 or 5.
        var failed = after.Count(answer => answer == "502");
        Assert.InRange(failed, 1, 2);
        Assert.Equal(after.Length - failed, after.Count(answer => answer == "a"));
    }

    /// <summary>Asks who answers, <paramref name="times"/> times one after the other: a node's name, or the balancer's status.</summary>
    private static async Task<string[]> AskAsync(HttpClient client, int times)
    {
        var answers = new string[times];
        for (var i = 0; i < times; i++)
        {
            using var response = await client.GetAsync(new Uri("/who", UriKind.Relative), Cancel);
            answers[i] = response.IsSuccessStatusCode
                ? await response.Content.ReadAsStringAsync(Cancel)
                : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

            // The passive check's verdict lands on a thread-pool thread; a browser's next click is further off than this.
            await Task.Delay(20, Cancel);
        }

        return answers;
    }

    /// <summary>A node as the balancer sees it: ready, and answering <c>/who</c> with its name.</summary>
    private sealed class StandInNode : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private bool _stopped;

        private StandInNode(WebApplication app, Uri baseAddress)
        {
            _app = app;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<StandInNode> StartAsync(string name)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/health/ready", () => Results.Ok());
            app.MapGet("/who", () => Results.Text(name));
            await app.StartAsync(Cancel);
            return new StandInNode(app, new Uri(app.Urls.Single()));
        }

        /// <summary>Stops it (its port then refuses connections); once only.</summary>
        public async ValueTask DisposeAsync()
        {
            if (!_stopped)
            {
                _stopped = true;
                await _app.DisposeAsync();
            }
        }
    }
}
