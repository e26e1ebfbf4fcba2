using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Accounts;

/// <summary>
/// One node for the account tests (starting a node is the slow part); each test makes its own accounts and keys.
/// Sessions are checked against their account on every request, so tests see sign-outs at once.
/// </summary>
public sealed class AccountsNode : IAsyncLifetime
{
    public const string Collection = "Accounts node";

    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    public async ValueTask InitializeAsync() =>
        _node = await TestNode.StartAsync(new Dictionary<string, string?> { ["Accounts:SessionCheckInterval"] = "00:00:00" });

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

[CollectionDefinition(AccountsNode.Collection)]
public sealed class AccountsNodeDefinition : ICollectionFixture<AccountsNode>;
