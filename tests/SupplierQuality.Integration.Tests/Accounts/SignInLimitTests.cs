using System.Net;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Accounts;

/// <summary>A node that allows 3 failed sign-ins per client address and minute, and the account delays of production.</summary>
public sealed class SignInLimitNode : IAsyncLifetime
{
    public const int PermitLimit = 3;

    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    public async ValueTask InitializeAsync() =>
        _node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Accounts:SignInLimit:PermitLimit"] = PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Accounts:SignInLimit:Window"] = "00:01:00",
        });

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

/// <summary>Each test connects from its own loopback address, so the tests' counts stay apart.</summary>
public sealed class SignInLimitTests(SignInLimitNode fixture) : IClassFixture<SignInLimitNode>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TestNode Node => fixture.Node;

    [Fact]
    public async Task After_the_limit_an_address_gets_429_with_retry_after_and_a_page_saying_how_long_to_wait()
    {
        using var client = Node.CreateClientFrom("127.0.0.11");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < SignInLimitNode.PermitLimit; i++)
        {
            using var failed = await client.PostSignInAsync(UnknownEmail(), "some password guess");
            answers.Add(failed.StatusCode);
        }

        using var refused = await client.PostSignInAsync(UnknownEmail(), "some password guess");
        var page = await refused.Content.ReadAsStringAsync(Cancel);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var seconds = (int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(seconds, 1, 60);
        Assert.Contains($"Wait {seconds} seconds, then try again.", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_address_signs_in_while_one_is_refused()
    {
        var account = await Node.CreateAccountAsync(Roles.QualityManager);
        using var refusedAddress = await ExhaustedClientAsync("127.0.0.12");
        using var otherAddress = Node.CreateClientFrom("127.0.0.13");

        using var fromOther = await otherAddress.PostSignInAsync(account.Email, account.Password);
        using var stillRefused = await refusedAddress.PostSignInAsync(account.Email, account.Password);

        Assert.Equal(HttpStatusCode.Redirect, fromOther.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
    }

    [Fact]
    public async Task Refused_attempts_never_reach_the_account()
    {
        var account = await Node.CreateAccountAsync(Roles.Admin);
        using var client = await ExhaustedClientAsync("127.0.0.14");
        for (var i = 0; i < 10; i++)
        {
            using var refused = await client.PostSignInAsync(account.Email, "wrong password " + i);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        // Had the ten reached the account, its next answer would wait the full 15 s.
        var next = await Node.Grains.GetAccount(account.Email).SignIn(account.Password);

        Assert.Equal((SignInStatus.Succeeded, TimeSpan.Zero), (next.Status, next.Delay));
    }

    [Fact]
    public async Task Successful_sign_ins_do_not_use_up_the_limit()
    {
        var account = await Node.CreateAccountAsync(Roles.Executive);
        using var office = Node.CreateClientFrom("127.0.0.15");
        var successes = new List<HttpStatusCode>();
        for (var i = 0; i < SignInLimitNode.PermitLimit + 2; i++)
        {
            using var signIn = await office.PostSignInAsync(account.Email, account.Password);
            successes.Add(signIn.StatusCode);
        }

        var failures = new List<HttpStatusCode>();
        for (var i = 0; i <= SignInLimitNode.PermitLimit; i++)
        {
            using var failed = await office.PostSignInAsync(UnknownEmail(), "some password guess");
            failures.Add(failed.StatusCode);
        }

        Assert.All(successes, s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], failures);
    }

    [Fact]
    public async Task A_parallel_flood_from_one_address_gets_no_more_than_the_limit_through()
    {
        using var client = Node.CreateClientFrom("127.0.0.16");
        var token = await client.GetAntiforgeryTokenAsync("/account/sign-in");

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            using var content = new FormUrlEncodedContent(
                [new("Email", UnknownEmail()), new("Password", "some password guess"), new(NodeClientExtensions.AntiforgeryField, token)]);
            using var response = await client.PostAsync("/account/sign-in", content, Cancel);
            return response.StatusCode;
        }));

        Assert.Equal(SignInLimitNode.PermitLimit, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(24 - SignInLimitNode.PermitLimit, answers.Count(a => a == HttpStatusCode.TooManyRequests));
    }

    private static string UnknownEmail() => $"nobody-{Guid.NewGuid():N}@test.local";

    /// <summary>A client from this address that has used up the address's failed sign-ins.</summary>
    private async Task<HttpClient> ExhaustedClientAsync(string address)
    {
        var client = Node.CreateClientFrom(address);
        for (var i = 0; i < SignInLimitNode.PermitLimit; i++)
        {
            (await client.PostSignInAsync(UnknownEmail(), "some password guess")).Dispose();
        }

        using var refused = await client.PostSignInAsync(UnknownEmail(), "some password guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        return client;
    }
}
