using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Suppliers;

/// <summary>One node for all supplier tests (starting a node is the slow part); each test makes its own suppliers.</summary>
public sealed class SuppliersNode : IAsyncLifetime
{
    public const string Collection = "Suppliers node";

    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    /// <summary>A quality manager's API key: reads and writes.</summary>
    public HttpClient Writer { get; private set; } = null!;

    /// <summary>An executive's API key: reads only.</summary>
    public HttpClient Reader { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        Writer = await Node.CreateApiClientAsync(Roles.QualityManager);
        Reader = await Node.CreateApiClientAsync(Roles.Executive);
    }

    public async ValueTask DisposeAsync()
    {
        Writer?.Dispose();
        Reader?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    public Task<HttpClient> SignedInManagerAsync() => Node.CreateSignedInClientAsync(Roles.QualityManager);
}

[CollectionDefinition(SuppliersNode.Collection)]
public sealed class SuppliersNodeDefinition : ICollectionFixture<SuppliersNode>;
