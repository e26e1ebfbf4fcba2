using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(SupplierQuality.Browser.Tests.Infrastructure.BrowserFixture))]

namespace SupplierQuality.Browser.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the test run: the machine's own (Debian package <c>chromium</c>), since Playwright's
/// browser download is not available. Without it the tests skip with the reason, except under CI where they fail.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Screenshots of each journey step, kept as test artifacts.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public IBrowser Browser
    {
        get
        {
            if (_browser is null)
            {
                Assert.Skip($"Chromium not found at {ChromiumPath}; install it with 'apt-get install chromium' to run browser tests.");
            }

            return _browser;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException($"CI=true but Chromium is missing at {ChromiumPath}: install the chromium package.");
            }

            return;
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        // A cold node on a busy 2-core CI machine can take longer than Playwright's 5 s default to answer.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no network but loopback: keep Chromium from reaching out at start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
