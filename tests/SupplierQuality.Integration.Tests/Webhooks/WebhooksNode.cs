using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Webhooks;

/// <summary>
/// One node for the webhook tests, with retries a second apart (doubling) so a failing receiver recovers within a
/// test, a loopback receiver, and API clients for an admin (who may manage endpoints) and a quality manager (who may not).
/// </summary>
public sealed class WebhooksNode : IAsyncLifetime
{
    public const string Collection = "Webhooks node";

    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    public WebhookReceiver Receiver { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Manager { get; private set; } = null!;

    /// <summary>The settings of every webhook test node: quick retries and reminder ticks.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Webhooks:FirstRetryDelay"] = "00:00:01",
        ["Webhooks:TickPeriod"] = "00:00:01",
    };

    public async ValueTask InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        _node = await TestNode.StartAsync(Settings());
        Admin = await Node.CreateApiClientAsync(Roles.Admin);
        Manager = await Node.CreateApiClientAsync(Roles.QualityManager);
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        Manager?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
    }
}

[CollectionDefinition(WebhooksNode.Collection)]
public sealed class WebhooksNodeDefinition : ICollectionFixture<WebhooksNode>;
