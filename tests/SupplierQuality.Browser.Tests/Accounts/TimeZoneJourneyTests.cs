using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupplierQuality.Browser.Tests.Infrastructure;
using SupplierQuality.Browser.Tests.Reflow;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Browser.Tests.Accounts;

/// <summary>
/// The browser's time zone, offered once: the notice's script (served by the node, under its Content-Security-Policy)
/// names the zone the browser is in, one click takes it, and the pages then show and take times in it. On a phone,
/// with axe and the reflow check on each state.
/// </summary>
public sealed class TimeZoneJourneyTests(BrowserFixture browser)
{
    private static async Task<IPage> SignedInAsync(IBrowserContext context, TestAccount account)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/sign-in"));
        return page;
    }

    private static BrowserNewContextOptions In(TestNode node, string zone)
    {
        var options = PhoneScreen.Context(node.BaseAddress);
        options.TimezoneId = zone;
        return options;
    }

    [Fact]
    public async Task A_manager_takes_the_browser_s_zone_from_the_notice_and_pages_then_show_and_take_times_in_it()
    {
        await using var node = await TestNode.StartAsync();
        var phone = new PhoneScreen(nameof(TimeZoneJourneyTests));
        var manager = await node.CreateAccountAsync(Roles.QualityManager);

        await using (var context = await browser.Browser.NewContextAsync(In(node, "Europe/Berlin")))
        {
            var page = await SignedInAsync(context, manager);
            await page.GotoAsync("/campaigns");
            var notice = page.Locator(".time-zone-notice");
            await Assertions.Expect(notice).ToContainTextAsync("Times are shown in UTC. Use Europe/Berlin (your browser's time zone)?");
            await phone.MeasureAsync(page, "01-notice");

            await notice.GetByRole(AriaRole.Button, new() { Name = "Use it" }).ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/campaigns$"));
            await Assertions.Expect(page.Locator(".time-zone-notice")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Time zone: Europe/Berlin" })).ToBeVisibleAsync();
            Assert.Equal("Europe/Berlin", (await node.Grains.GetAccount(manager.Email).GetInfo())!.TimeZone);
            await page.GotoAsync("/campaigns/new");
            await Assertions.Expect(page.GetByLabel(new Regex("^Deadline, Europe/Berlin"))).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel(new Regex("^The campaign's time zone"))).ToHaveValueAsync("Europe/Berlin");
            await phone.MeasureAsync(page, "02-new-campaign-in-berlin");
            await page.GotoAsync("/account/time-zone");
            await Assertions.Expect(page.GetByLabel("Your time zone")).ToHaveValueAsync("Europe/Berlin");
            await phone.MeasureAsync(page, "03-time-zone-page");
        }

        // Someone who has not chosen opens the page itself: it starts from the browser's zone, saved only on Save.
        var executive = await node.CreateAccountAsync(Roles.Executive);
        await using (var context = await browser.Browser.NewContextAsync(In(node, "America/New_York")))
        {
            var page = await SignedInAsync(context, executive);
            await page.GotoAsync("/account/time-zone");
            await Assertions.Expect(page.GetByText("Your browser's time zone is America/New_York.")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Your time zone")).ToHaveValueAsync("America/New_York");
            await phone.MeasureAsync(page, "04-time-zone-page-not-chosen");
            Assert.Null((await node.Grains.GetAccount(executive.Email).GetInfo())!.TimeZone);

            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

            await Assertions.Expect(page.GetByText("Times are now shown in America/New_York.")).ToBeVisibleAsync();
            Assert.Equal("America/New_York", (await node.Grains.GetAccount(executive.Email).GetInfo())!.TimeZone);
        }

        await phone.AssertAllFitAsync();
        phone.AssertAxeClean();
    }
}
