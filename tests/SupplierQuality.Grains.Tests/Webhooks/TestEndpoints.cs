using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Webhooks;

namespace SupplierQuality.Grains.Tests.Webhooks;

/// <summary>A registered endpoint with its own receiver.</summary>
public sealed record TestEndpoint(Guid Id, string Url, string Secret, RecordingWebhookSender.Receiver Receiver);

/// <summary>
/// Endpoints a test registers, deleted when it ends: the registry is one grain for the whole cluster and holds at most
/// <see cref="WebhookInput.MaxEndpoints"/>.
/// </summary>
public sealed class TestEndpoints(IGrainFactory grains) : IAsyncDisposable
{
    private readonly List<Guid> _ids = [];

    public IWebhookRegistryGrain Registry => grains.GetWebhookRegistry();

    public async Task<TestEndpoint> AddAsync(params string[] events)
    {
        var (url, receiver) = RecordingWebhookSender.NewReceiver();
        var result = await Registry.RegisterAsync(new WebhookEndpointInput(url, events), "admin@test.local");
        Assert.True(result.Outcome == CommandOutcome.Created, string.Join("; ", result.Errors.SelectMany(e => e.Value)) + result.Message);
        _ids.Add(result.Value!.Endpoint.Id);
        return new TestEndpoint(result.Value.Endpoint.Id, url, result.Value.Secret, receiver);
    }

    public void Forget(Guid id) => _ids.Remove(id);

    /// <summary>Deletes an endpoint the test registered itself when the test ends.</summary>
    public void Track(Guid id) => _ids.Add(id);

    public async Task<WebhookEndpointInfo> InfoAsync(TestEndpoint endpoint) =>
        (await Registry.GetAsync(endpoint.Id)) ?? throw new InvalidOperationException($"Endpoint {endpoint.Id} is not registered.");

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _ids)
        {
            await Registry.DeleteAsync(id);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds: deliveries run on the endpoint's own timer.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
