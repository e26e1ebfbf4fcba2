using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SupplierQuality.Browser.Tests.Infrastructure;

namespace SupplierQuality.Browser.Tests.Reflow;

/// <summary>
/// One page state as measured on the phone: where it was, how wide the document is, and when wider than the phone,
/// the outermost elements that stick out (what to mend).
/// </summary>
internal sealed record PageWidth(string Step, string Path, int Width, string Culprits);

/// <summary>
/// A phone-sized browser context (320 CSS px wide, WCAG 1.4.10 Reflow) that measures every page state it is shown:
/// <c>document.documentElement.scrollWidth</c>, which is more than the viewport exactly when the page scrolls
/// sideways, and a full-page screenshot named after the step. <see cref="AssertAllFitAsync"/> then lists every state that
/// does not fit, so one run names all of them.
/// </summary>
internal sealed partial class PhoneScreen(string testName)
{
    public const int Width = 320;

    /// <summary>
    /// The elements that reach past the viewport while their parent does not, or whose text does, outside any
    /// scrolling box, as "table#id.class (780 px)"; at most three.
    /// </summary>
    private const string CulpritsScript = """
        () => {
            const width = document.documentElement.clientWidth;
            const sticksOut = e => e.getBoundingClientRect().right > width + 0.5;
            // Text that does not wrap sticks out of an element whose own box fits.
            const textSticksOut = e => e.scrollWidth > e.clientWidth + 1 && e.getBoundingClientRect().left + e.scrollWidth > width + 0.5 && ![...e.children].some(sticksOut);
            const inScroller = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) { if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join('');
            return [...document.body.querySelectorAll('*')]
                .filter(e => ((sticksOut(e) && !sticksOut(e.parentElement)) || textSticksOut(e)) && !inScroller(e))
                .slice(0, 3)
                .map(e => { const r = e.getBoundingClientRect(); return name(e) + ' (' + Math.round(Math.max(r.right, r.left + e.scrollWidth)) + ' px)'; })
                .join(', ');
        }
        """;

    private readonly List<PageWidth> _measured = [];

    private readonly List<string> _axeViolations = [];

    public static ViewportSize Viewport { get; } = new() { Width = Width, Height = 640 };

    public IReadOnlyList<PageWidth> Measured => _measured;

    public static BrowserNewContextOptions Context(Uri baseAddress) => new()
    {
        BaseURL = baseAddress.ToString(),
        ViewportSize = Viewport,
        // A phone: touch, and the page's own viewport meta tag applies.
        IsMobile = true,
        HasTouch = true,
    };

    /// <summary>Measures the page as it is now and keeps its screenshot.</summary>
    public async Task MeasureAsync(IPage page, string step)
    {
        ArgumentNullException.ThrowIfNull(page);
        // The page's own script (deferred, so done by then) makes scrolling tables reachable by keyboard.
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var culprits = width > Width ? await page.EvaluateAsync<string>(CulpritsScript) : string.Empty;
        _measured.Add(new PageWidth(step, Shown(new Uri(page.Url).PathAndQuery), width, culprits));
        // Not into frames: the outbox shows an email in a sandboxed frame where no script runs, and axe would wait for it forever.
        // Details of violations only: the passes of every rule on every node are what makes a run slow.
        var options = new AxeRunOptions { Iframes = false, ResultTypes = [ResultType.Violations] };
        var axe = await page.RunAxe(options).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        _axeViolations.AddRange(axe.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"  {step}: {v.Id} ({v.Impact}) at {n.Target}: {v.Help}")));
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = System.IO.Path.Combine(BrowserFixture.ScreenshotDirectory, $"{testName}-{step}.png"),
            FullPage = true,
        });
    }

    /// <summary>Fails with every state wider than the phone; the widths of all are written beside the screenshots.</summary>
    public async Task AssertAllFitAsync()
    {
        await File.WriteAllLinesAsync(
            System.IO.Path.Combine(BrowserFixture.ScreenshotDirectory, $"{testName}-widths.txt"),
            _measured.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Width,5} px  {m.Step}  {m.Path}  {m.Culprits}")),
            TestContext.Current.CancellationToken);
        var wide = _measured.Where(m => m.Width > Width).ToList();
        Assert.True(
            wide.Count == 0,
            $"{wide.Count} of {_measured.Count} page states scroll sideways at {Width} px:{Environment.NewLine}"
            + string.Join(Environment.NewLine, wide.Select(m => string.Create(CultureInfo.InvariantCulture, $"  {m.Step} ({m.Path}): {m.Width} px wide; sticking out: {m.Culprits}"))));
    }

    /// <summary>Fails with every axe violation found in the states measured, by state.</summary>
    public void AssertAxeClean() =>
        Assert.True(
            _axeViolations.Count == 0,
            $"axe found {_axeViolations.Count} problems in the page states at {Width} px:{Environment.NewLine}{string.Join(Environment.NewLine, _axeViolations)}");

    /// <summary>The path without the secret part of survey links, which would make the message unreadable.</summary>
    private static string Shown(string path) => LinkToken().Replace(path, "$1{token}");

    [GeneratedRegex("^(/[su]/)[A-Za-z0-9_-]{20,}")]
    private static partial Regex LinkToken();
}
