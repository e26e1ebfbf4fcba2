using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.Playwright;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;
using SupplierQuality.Browser.Tests.Infrastructure;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Browser.Tests.Scorecards.ExecutiveJourneySeed;

namespace SupplierQuality.Browser.Tests.Scorecards;

/// <summary>
/// What an executive comes for, through the pages: sign in and land on the ranking, filter it, open a scorecard with
/// its charts, read the comments, freeze the ranking into a review, record decisions, finish the review, and download
/// the review as CSV and the scorecard pack as PDF. The campaign and its answers are made through the grains first.
/// </summary>
public sealed class ExecutiveJourneyTests(BrowserFixture browser)
{
    private const string ReviewTitle = "Q2 2026 supplier review";

    private static readonly string[] InRankOrder = [.. JourneySuppliers.Select(s => s.Name)];

    private static readonly JourneySupplier Best = JourneySuppliers[0];
    private static readonly JourneySupplier Worst = JourneySuppliers[^1];

    [Fact]
    public async Task Executive_reads_the_ranking_and_a_scorecard_then_holds_a_review_and_downloads_its_csv_and_pdf()
    {
        // The development default: the embedded SQLite file, as `dotnet run` gives a newcomer.
        using var data = new TemporaryDirectory();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = null,
            ["Storage:SqlitePath"] = Path.Combine(data.Path, "node.db"),
            ["Campaigns:TickPeriod"] = "00:00:01",
        });
        var campaign = await SeedAsync(node.Grains);
        var executive = await node.CreateAccountAsync(Roles.Executive);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        // 1. Signs in and lands on the ranking: the home page sends executives there.
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(executive.Email);
        await page.GetByLabel("Password").FillAsync(executive.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Not WaitForURLAsync (see SupplierJourneyTests): the URL assertion polls and is enough.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/rankings$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Supplier ranking", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ranking-count")).ToContainTextAsync($"4 suppliers in {CampaignName}.");
        await Assertions.Expect(RankingNames(page)).ToHaveTextAsync(InRankOrder);
        await Assertions.Expect(RankingRanks(page)).ToHaveTextAsync(["1", "2", "3", "4"]);
        foreach (var supplier in JourneySuppliers)
        {
            await Assertions.Expect(page.Locator($"#raw-{supplier.Id}")).ToHaveTextAsync(Shown(supplier.Raw));
        }

        await Step(page, "exec-01-ranking");

        // 2. Filters it by a category: ranks within the category.
        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "castings" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]category=castings(&|$)"));
        await Assertions.Expect(page.Locator("#ranking-count")).ToContainTextAsync($"2 suppliers match in {CampaignName}, category castings.");
        await Assertions.Expect(RankingNames(page)).ToHaveTextAsync(["Northwind Castings", "Adatum Castings"]);
        await Assertions.Expect(RankingRanks(page)).ToHaveTextAsync(["1", "2"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Clear the filters" })).ToBeVisibleAsync();
        await Step(page, "exec-02-ranking-filtered");

        // 3. Opens the best supplier's scorecard: both respondent groups side by side, and the charts.
        await page.Locator("#ranking").GetByRole(AriaRole.Link, new() { Name = Best.Name, Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/suppliers/{Best.Id}/scorecard$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Scorecard: {Best.Name}", Level = 1 })).ToBeVisibleAsync();
        var key = campaign.Id.ToString("N");
        await Assertions.Expect(page.Locator($"#rank-{key}")).ToHaveTextAsync("1 of 2");
        var groups = page.Locator($"#groups-{key}");
        await Assertions.Expect(groups.Locator("thead th")).ToContainTextAsync(["Measure", "Internal evaluation", "Self-assessment"]);
        await Assertions.Expect(groups.Locator("tbody tr", new() { HasText = "Responses" }).Locator("td"))
            .ToHaveTextAsync(["2 of 2 invited", "1 of 1 invited"]);
        await Assertions.Expect(page.Locator($"#mean-{key}-internal-evaluation")).ToHaveTextAsync($"{Shown(Best.Raw)} of 100");
        await Assertions.Expect(page.Locator($"#mean-{key}-self-assessment")).ToHaveTextAsync($"{Shown(Best.Self.Score)} of 100");
        await Assertions.Expect(page.Locator("svg#history-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg#dimension-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("figure svg")).ToHaveCountAsync(2);
        await Step(page, "exec-03-scorecard");

        // 4. Reads the campaign's comments: the contacts' free-text answers, by supplier.
        await page.GotoAsync($"/campaigns/{campaign.Id}/comments");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Comments on {CampaignName}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#comments tbody tr")).ToHaveCountAsync(JourneySuppliers.Count);
        var comment = page.Locator("#comments tbody tr", new() { HasText = Best.Name });
        await Assertions.Expect(comment.Locator("td").Nth(2)).ToHaveTextAsync("Self-assessment");
        await Assertions.Expect(comment.Locator("td").Nth(3)).ToContainTextAsync(CommentQuestion);
        await Assertions.Expect(comment.Locator("td").Nth(4)).ToHaveTextAsync(Best.Self.Comment!);
        await Step(page, "exec-04-comments");

        // 5. Freezes the whole ranking of the campaign into a review.
        var reviewPath = await FreezeReviewAsync(page, campaign);

        // 6. Records a decision for the best and the worst supplier.
        var due = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await DecideAsync(page, reviewPath, Best, "Develop", "Ana Silva", due, "Invite them to the design reviews.", "exec-06-decision-best");
        await DecideAsync(page, reviewPath, Worst, "Phase out", "Ben Okafor", due, "Qualify a second source first.", "exec-07-decision-worst");
        await Assertions.Expect(page.Locator("#review-status")).ToHaveTextAsync("Open: 2 of 4 suppliers have a decision.");
        await Step(page, "exec-08-decisions-recorded");

        // 7. Finishes it: not without ticking the confirmation, then with it.
        await FinishAsync(page);

        // 8. Downloads the review as CSV and the scorecard pack as PDF, and reads them back.
        var (csvName, csv) = await DownloadAsync(page, "Download the review as CSV");
        Assert.Equal($"{ReviewTitle}.csv", csvName);
        AssertCsv(csv, due);
        var (pdfName, pdf) = await DownloadAsync(page, "Download the scorecard pack as PDF");
        Assert.Equal($"{ReviewTitle}.pdf", pdfName);
        AssertPdf(pdf);
        await Step(page, "exec-11-downloaded");
    }

    /// <summary>Fills the new-review form on /reviews; returns the review's path.</summary>
    private static async Task<string> FreezeReviewAsync(IPage page, JourneyCampaign campaign)
    {
        await page.GotoAsync("/reviews");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Strategic planning reviews", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("No reviews yet.")).ToBeVisibleAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(ReviewTitle);
        await page.GetByLabel(new Regex("^Period")).SelectOptionAsync(new SelectOptionValue { Value = campaign.Period });
        await page.GetByLabel("Scope", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "All suppliers" });
        await Step(page, "exec-05-new-review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Freeze the ranking into a review" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/reviews/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = ReviewTitle, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is frozen into this review: record a decision for each supplier.");
        await Assertions.Expect(page.Locator("#review-status")).ToHaveTextAsync("Open: 0 of 4 suppliers have a decision.");
        await Assertions.Expect(page.Locator("#review tbody th")).ToHaveTextAsync(InRankOrder);
        return new Uri(page.Url).AbsolutePath;
    }

    /// <summary>Opens a supplier of the review from its row, records the decision and comes back to the review.</summary>
    private static async Task DecideAsync(
        IPage page, string reviewPath, JourneySupplier supplier, string decision, string owner, string due, string note, string step)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = $"Record a decision for {supplier.Name}" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"{reviewPath}/suppliers/{supplier.Id}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = supplier.Name, Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Decision", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = decision });
        await page.GetByLabel(new Regex("^Owner")).FillAsync(owner);
        await page.GetByLabel(new Regex("^Due")).FillAsync(due);
        await page.GetByLabel(new Regex("^Note")).FillAsync(note);
        await Step(page, step);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"{reviewPath}#supplier-{supplier.Id}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Decision recorded for {supplier.Name}.");
        var row = page.Locator($"#supplier-{supplier.Id}");
        await Assertions.Expect(row.Locator("td").Nth(6)).ToContainTextAsync(decision);
        await Assertions.Expect(row.Locator("td").Nth(7)).ToHaveTextAsync(owner);
        await Assertions.Expect(row.Locator("td").Nth(8)).ToHaveTextAsync(due);
    }

    private static async Task FinishAsync(IPage page)
    {
        await Assertions.Expect(page.GetByText("2 of 4 suppliers have no decision yet.")).ToBeVisibleAsync();
        var finish = page.GetByRole(AriaRole.Button, new() { Name = "Finish the review" });
        await finish.ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-error")).ToHaveTextAsync("Tick the box to confirm: a finished review cannot be changed again.");
        await Assertions.Expect(page.Locator("#review-status")).ToContainTextAsync("Open:");
        await Step(page, "exec-09-finish-needs-confirmation");

        await page.GetByLabel(new Regex("^Yes, finish this review")).CheckAsync();
        await finish.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Finished: the review is read-only from now on.");
        await Assertions.Expect(page.Locator("#review-status")).ToContainTextAsync("Finished");
        await Assertions.Expect(finish).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^(Record a decision|Change the decision) for") })).ToHaveCountAsync(0);
        await Step(page, "exec-10-review-finished");
    }

    /// <summary>Clicks a download link of the review; returns the file's suggested name and its bytes.</summary>
    private static async Task<(string Name, byte[] Bytes)> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
        Assert.Null(await download.FailureAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
    }

    /// <summary>The review CSV, read with CsvHelper: every supplier in rank order, the two decisions and no others.</summary>
    private static void AssertCsv(byte[] bytes, string due)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: false);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? string.Empty)]);
        }

        var header = reader.Headers.ToList();
        string Cell(string[] row, string column)
        {
            var index = header.IndexOf(column);
            Assert.True(index >= 0, $"The CSV has no column {column}: {string.Join(", ", header)}");
            return row[index];
        }

        Assert.Equal(InRankOrder, rows.Select(r => Cell(r, "Supplier")));
        Assert.Equal(["1", "2", "3", "4"], rows.Select(r => Cell(r, "Rank")));
        Assert.Equal([.. JourneySuppliers.Select(s => s.Category)], rows.Select(r => Cell(r, "Category")));
        Assert.Equal([.. JourneySuppliers.Select(s => s.Id.ToString())], rows.Select(r => Cell(r, "Supplier id")));
        Assert.Equal([.. JourneySuppliers.Select(s => Math.Round(s.Raw, 2).ToString(CultureInfo.InvariantCulture))], rows.Select(r => Cell(r, "Raw score")));
        Assert.Equal(["Develop", "", "", "Phase out"], rows.Select(r => Cell(r, "Decision")));
        Assert.Equal(["Ana Silva", "", "", "Ben Okafor"], rows.Select(r => Cell(r, "Owner")));
        Assert.Equal([due, "", "", due], rows.Select(r => Cell(r, "Due")));
    }

    /// <summary>The scorecard pack: a cover listing every supplier, then a page per supplier with its name and decision.</summary>
    private static void AssertPdf(byte[] pdf)
    {
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var pages = PdfPageTexts(pdf);
        Assert.Equal(1 + JourneySuppliers.Count, pages.Count);
        var all = string.Concat(pages);
        Assert.All(JourneySuppliers, s => Assert.Contains(s.Name, all, StringComparison.Ordinal));
        Assert.All(JourneySuppliers, s => Assert.Contains(s.Name, pages[0], StringComparison.Ordinal));
        for (var i = 0; i < JourneySuppliers.Count; i++)
        {
            Assert.Contains(JourneySuppliers[i].Name, pages[i + 1], StringComparison.Ordinal);
        }

        Assert.Contains("Develop", pages[1], StringComparison.Ordinal);
        Assert.Contains("Phase out", pages[JourneySuppliers.Count], StringComparison.Ordinal);
    }

    /// <summary>
    /// The text each page draws, read back as ReviewPdfTests does: every string of the page's content, in order
    /// (PDFsharp writes these ASCII names in the font's own encoding, which is the text itself).
    /// </summary>
    private static List<string> PdfPageTexts(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var pages = new List<string>();
        foreach (var page in document.Pages)
        {
            pages.Add(string.Concat(Strings(ContentReader.ReadContent(page))));
        }

        return pages;
    }

    private static IEnumerable<string> Strings(CObject content) => content switch
    {
        CString text => [text.Value, "\n"],
        CSequence sequence => sequence.SelectMany(Strings),
        COperator op => op.Operands.SelectMany(Strings),
        _ => [],
    };

    /// <summary>The supplier names of the ranking table, in the order shown.</summary>
    private static ILocator RankingNames(IPage page) => page.Locator("#ranking tbody th");

    private static ILocator RankingRanks(IPage page) => page.Locator("#ranking tbody td:first-child");

    /// <summary>A score as the pages write it: one decimal.</summary>
    private static string Shown(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    private static async Task Step(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{nameof(ExecutiveJourneyTests)}-{name}.png"),
            FullPage = true,
        });
}
