using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Accounts;

/// <summary>
/// An account's time zone: UTC with an offer of the browser's zone until the holder chooses, the choice kept in the
/// account and its sign-in cookie, and a zone that does not exist refused next to its field.
/// </summary>
[Collection(AccountsNode.Collection)]
public sealed class TimeZonePageTests(AccountsNode fixture)
{
    private const string Notice = "Times are shown in UTC.";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TestNode Node => fixture.Node;

    private async Task<(TestAccount Account, HttpClient Client)> SignedInAsync(string role = Roles.Executive)
    {
        var account = await Node.CreateAccountAsync(role);
        var client = Node.CreateClient();
        await client.SignInAsync(account.Email, account.Password);
        return (account, client);
    }

    [Fact]
    public async Task Until_the_holder_chooses_every_page_shows_UTC_and_offers_the_browser_s_zone_through_a_script_the_node_serves()
    {
        var (_, client) = await SignedInAsync();
        using (client)
        {
            using var response = await client.GetAsync("/rankings?category=x", Cancel);
            var page = await HtmlPage.ReadAsync(response);

            Assert.Contains(Notice, page.Text, StringComparison.Ordinal);
            Assert.Contains("<form method=\"post\" action=\"/account/time-zone\" class=\"notice time-zone-notice\"", page.Text, StringComparison.Ordinal);
            Assert.Contains("<input type=\"hidden\" name=\"ReturnUrl\" value=\"/rankings?category=x\" />", page.Text, StringComparison.Ordinal);
            // Without the script the offer of the browser's zone stays hidden; keeping UTC and the list still work.
            Assert.Contains("<button type=\"submit\" name=\"TimeZone\" value=\"\" data-browser-zone hidden>Use it</button>", page.Text, StringComparison.Ordinal);
            Assert.Contains("<button type=\"submit\" name=\"TimeZone\" value=\"UTC\">Keep UTC</button>", page.Text, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/account/time-zone?returnUrl=%2Frankings%3Fcategory%3Dx\">Choose another</a>", page.Text, StringComparison.Ordinal);
            Assert.Matches("<script src=\"/js/time-zone.js\\?v=[^\"]+\" defer></script>", page.Text);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", page.Text);
            Assert.Contains("script-src 'self';", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);

            var script = await client.GetStringAsync(new Uri("/js/time-zone.js", UriKind.Relative), Cancel);
            Assert.Contains("Intl.DateTimeFormat().resolvedOptions().timeZone", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Using_the_browser_s_zone_records_it_goes_back_to_the_page_and_asks_no_more()
    {
        var (account, client) = await SignedInAsync();
        using (client)
        {
            using var chosen = await client.PostFormAsync(
                "/account/time-zone", [new("TimeZone", "Europe/Berlin"), new("ReturnUrl", "/rankings")], formPath: "/rankings");

            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
            Assert.Equal("/rankings", chosen.RedirectTarget());
            Assert.Contains(chosen.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sq.session=", StringComparison.Ordinal));
            Assert.Equal("Europe/Berlin", (await Node.Grains.GetAccount(account.Email).GetInfo())!.TimeZone);
            var page = await HtmlPage.GetAsync(client, "/rankings");
            Assert.DoesNotContain(Notice, page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("time-zone.js", page.Text, StringComparison.Ordinal);
            Assert.Contains("<a href=\"/account/time-zone\">Time zone: Europe/Berlin</a>", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Keeping_UTC_is_a_choice_too()
    {
        var (account, client) = await SignedInAsync();
        using (client)
        {
            using var kept = await client.PostFormAsync("/account/time-zone", [new("TimeZone", "UTC"), new("ReturnUrl", "/rankings")], formPath: "/rankings");

            Assert.Equal("/rankings", kept.RedirectTarget());
            Assert.Equal("UTC", (await Node.Grains.GetAccount(account.Email).GetInfo())!.TimeZone);
            var page = await HtmlPage.GetAsync(client, "/rankings");
            Assert.DoesNotContain(Notice, page.Text, StringComparison.Ordinal);
            Assert.Contains("Time zone: UTC</a>", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_JavaScript_the_page_lists_every_zone_saves_the_one_chosen_and_says_so()
    {
        var (account, client) = await SignedInAsync(Roles.QualityManager);
        using (client)
        {
            var page = await HtmlPage.GetAsync(client, "/account/time-zone");

            Assert.Equal("Time zone · SupplierQuality", page.Title);
            Assert.DoesNotContain(Notice, page.Text, StringComparison.Ordinal);
            Assert.Contains("Pages show times in UTC until you choose a time zone", page.Text, StringComparison.Ordinal);
            Assert.Matches("<select data-browser-zone-default=\"true\"[^>]*id=\"TimeZone\" name=\"TimeZone\">", page.Text);
            Assert.Equal("UTC", page.SelectedValue("TimeZone"));
            Assert.Matches("<option value=\"America/New_York\">America/New_York \\(now UTC-0[45]:00\\)</option>", page.Text);
            Assert.True(Regex.Count(page.Text, "<option ") > 300, "The list holds the zones of the time zone database.");

            using var saved = await client.PostFormAsync("/account/time-zone", [new("TimeZone", "America/New_York"), new("ReturnUrl", "")]);

            Assert.Equal("/account/time-zone", saved.RedirectTarget());
            var after = await HtmlPage.GetAsync(client, "/account/time-zone");
            Assert.Contains("Times are now shown in America/New_York.", after.Text, StringComparison.Ordinal);
            Assert.Contains("Pages show times in America/New_York, each with its zone", after.Text, StringComparison.Ordinal);
            Assert.Equal("America/New_York", after.SelectedValue("TimeZone"));
            Assert.Matches("it is now <time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\">[^<]+ \\(UTC-0[45]:00, America/New_York\\)</time>", after.Text);
            Assert.Contains("<select data-browser-zone-default=\"false\"", after.Text, StringComparison.Ordinal);
            Assert.Equal("America/New_York", (await Node.Grains.GetAccount(account.Email).GetInfo())!.TimeZone);
        }
    }

    [Fact]
    public async Task A_zone_that_does_not_exist_gets_a_clear_error_linked_to_its_field_and_changes_nothing()
    {
        var (account, client) = await SignedInAsync();
        using (client)
        {
            using var refused = await client.PostFormAsync(
                "/account/time-zone", [new("TimeZone", "Mars/Olympus_Mons"), new("ReturnUrl", "/rankings")], formPath: "/rankings");

            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await HtmlPage.ReadAsync(refused);
            Assert.Equal("Error: Time zone · SupplierQuality", page.Title);
            Assert.Contains(
                "<a href=\"#TimeZone\">'Mars/Olympus_Mons' is not a time zone: use an IANA time zone name such as Europe/Berlin or America/New_York, or UTC.</a>",
                page.Text, StringComparison.Ordinal);
            Assert.True(page.IsMarkedInvalid("TimeZone"));
            Assert.Null((await Node.Grains.GetAccount(account.Email).GetInfo())!.TimeZone);

            using var empty = await client.PostFormAsync("/account/time-zone", [new("TimeZone", "")]);
            Assert.Contains("<a href=\"#TimeZone\">Choose a time zone.</a>", (await HtmlPage.ReadAsync(empty)).Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_zone_chosen_in_one_session_reaches_the_holder_s_other_sessions_without_signing_in_again()
    {
        var (account, first) = await SignedInAsync();
        using var second = Node.CreateClient();
        await second.SignInAsync(account.Email, account.Password);
        using (first)
        {
            using var chosen = await first.PostFormAsync("/account/time-zone", [new("TimeZone", "Asia/Tokyo"), new("ReturnUrl", "/rankings")], formPath: "/rankings");
            Assert.Equal("/rankings", chosen.RedirectTarget());

            var page = await HtmlPage.GetAsync(second, "/rankings");

            Assert.Contains("Time zone: Asia/Tokyo</a>", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(Notice, page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_holder_of_a_one_time_password_is_not_asked_before_changing_it()
    {
        var account = await Node.CreateAccountAsync(Roles.Executive, mustChangePassword: true);
        using var client = Node.CreateClient();
        await client.SignInAsync(account.Email, account.Password);

        var page = await HtmlPage.GetAsync(client, "/account/change-password");

        Assert.DoesNotContain(Notice, page.Text, StringComparison.Ordinal);
        using var zonePage = await client.GetAsync("/account/time-zone", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, zonePage.StatusCode);
    }
}
