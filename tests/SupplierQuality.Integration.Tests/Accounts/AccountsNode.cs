using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Accounts;

/// <summary>
/// One node for the account tests (starting a node is the slow part); each test makes its own accounts and keys.
/// Every test connects from 127.0.0.1, so the limit per address is out of the way here (<see cref="SignInLimitTests"/>
/// has its own node), and the account's delays are a tenth of a second up to 0.4 s, so tests see them but stay fast.
/// </summary>
public sealed class AccountsNode : IAsyncLifetime
{
    public const string Collection = "Accounts node";

    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(400);

    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    public async ValueTask InitializeAsync() =>
        _node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Accounts:SignInLimit:PermitLimit"] = "100000",
            ["Accounts:SignInThrottle:FirstDelay"] = "00:00:00.1",
            ["Accounts:SignInThrottle:MaxDelay"] = "00:00:00.4",
        });

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
