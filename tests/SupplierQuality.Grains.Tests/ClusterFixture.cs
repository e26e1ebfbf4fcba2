using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using SupplierQuality.Email;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Tests;
using SupplierQuality.Grains.Tests.Campaigns;
using SupplierQuality.Grains.Tests.Scorecards;
using SupplierQuality.Grains.Tests.Webhooks;
using SupplierQuality.Grains.Webhooks;

[assembly: AssemblyFixture(typeof(ClusterFixture))]

namespace SupplierQuality.Grains.Tests;

/// <summary>
/// One in-process silo for the whole test assembly: memory grain storage as the default provider, in-memory
/// reminders, <see cref="RecordingMailSender"/> as the mail sender, <see cref="RecordingWebhookSender"/> as the webhook
/// sender (queues of at most <see cref="RecordingWebhookSender.MaxPending"/>), campaigns in batches of two suppliers, and
/// <see cref="Time"/> as the <see cref="TimeProvider"/> grains get. Take it as a constructor
/// parameter. Tests share the cluster, so each uses its own grain keys (<see cref="UniqueKey"/>). A test that
/// moves <see cref="Time"/> belongs to the <see cref="SharedClock"/> collection, which runs alone.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    // Static because the test cluster creates silo configurators itself, by type.
    private static readonly FakeTimeProvider SharedTime = new(DateTimeOffset.UtcNow);

    public ClusterFixture()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
    }

    /// <summary>The clock grains see. Starts at the real time; only moves when a test advances it.</summary>
    public FakeTimeProvider Time { get; } = SharedTime;

    public TestCluster Cluster { get; }

    /// <summary>A client outside the silo, so every call and its payload go through serialization.</summary>
    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>A key no other test uses, readable in logs.</summary>
    public static string UniqueKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorageAsDefault();
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddSingleton<TimeProvider>(SharedTime);
            // Orleans takes its own clocks as keyed services that fall back to the plain TimeProvider; keep them
            // on real time, so membership, call timeouts and reminder ticks work while the test clock stands still.
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, TimeProvider.System);
            siloBuilder.Services.AddSingleton<IMailSender>(RecordingMailSender.Instance);
            siloBuilder.Services.Configure<CampaignOptions>(o =>
            {
                o.PublicBaseUrl = "https://survey.test";
                o.TickPeriod = TimeSpan.FromSeconds(1);
                o.BatchSize = 2;
            });
            siloBuilder.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            siloBuilder.Services.AddSingleton<IIncomingGrainCallFilter>(ScorecardFaults.Instance);
            siloBuilder.Services.AddSingleton<IWebhookSender>(RecordingWebhookSender.Instance);
            siloBuilder.Services.Configure<WebhookOptions>(o =>
            {
                o.TickPeriod = TimeSpan.FromSeconds(1);
                o.MaxPending = RecordingWebhookSender.MaxPending;
            });
        }
    }
}

/// <summary>Tests that move <see cref="ClusterFixture.Time"/>: run alone, so no other test sees the jump.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedClock
{
    public const string Name = "Shared clock";
}
