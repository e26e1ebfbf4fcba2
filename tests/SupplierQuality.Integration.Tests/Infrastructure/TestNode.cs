using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SupplierQuality.Integration.Tests.Infrastructure;

/// <summary>
/// A whole node (Kestrel on a loopback port + co-hosted silo) inside the test process. Memory storage unless
/// the settings say otherwise. Each node gets its own silo port, so several can run at once, and presents the
/// test cluster certificate.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin-Password-1";

    /// <summary>Marks the outbox folders this class makes, and so deletes.</summary>
    private const string OwnOutboxPrefix = "sq-test-outbox-";

    private readonly Factory _factory;

    private TestNode(Factory factory, string outboxPath)
    {
        _factory = factory;
        OutboxPath = outboxPath;
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First());
    }

    public Uri BaseAddress { get; }

    /// <summary>Where the development outbox writes this node's mail (a fresh temporary folder unless set).</summary>
    public string OutboxPath { get; }

    public IServiceProvider Services => _factory.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Starts a node. Settings are configuration keys, e.g. <c>["Storage:Provider"] = "Sqlite"</c>. With
    /// <paramref name="time"/>, grains and pages see that clock, while Orleans itself (membership, reminder ticks, call
    /// timeouts) keeps real time.
    /// </summary>
    public static Task<TestNode> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["Node:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Node:AdvertisedIPAddress"] = "127.0.0.1",
            ["Node:CertificatePath"] = ClusterCertificates.Shared,
            ["Accounts:InitialAdmin:Email"] = AdminEmail,
            ["Accounts:InitialAdmin:Password"] = AdminPassword,
            ["Mail:OutboxPath"] = Path.Combine(Path.GetTempPath(), $"{OwnOutboxPrefix}{Guid.NewGuid():N}"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new Factory(all, time);
        factory.UseKestrel(0);
        factory.StartServer();
        return Task.FromResult(new TestNode(factory, all["Mail:OutboxPath"]!));
    }

    /// <summary>A client with its own cookie jar that does not follow redirects, so tests see them.</summary>
    public HttpClient CreateClient() => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = new CookieContainer(),
        UseCookies = true,
    })
    {
        BaseAddress = BaseAddress,
    };

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (Path.GetFileName(OutboxPath).StartsWith(OwnOutboxPrefix, StringComparison.Ordinal) && Directory.Exists(OutboxPath))
        {
            Directory.Delete(OutboxPath, recursive: true);
        }
    }

    private sealed class Factory(Dictionary<string, string?> settings, TimeProvider? time) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            if (time is not null)
            {
                builder.ConfigureServices(services =>
                {
                    services.AddSingleton(time);
                    services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, TimeProvider.System);
                });
            }

            // Host settings, not app configuration: the node reads storage and ports while it is being built.
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
