using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Integration.Tests.Infrastructure;

/// <summary>
/// One node shared by a feature's tests (starting a node is the slow part), with API clients for a quality
/// manager (reads and writes) and an executive (reads only). Each test makes its own data.
/// </summary>
public abstract class SharedNode : IAsyncLifetime
{
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

        GC.SuppressFinalize(this);
    }

    public Task<HttpClient> SignedInManagerAsync() => Node.CreateSignedInClientAsync(Roles.QualityManager);
}
