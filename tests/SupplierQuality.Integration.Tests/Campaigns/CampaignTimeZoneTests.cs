using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Campaigns;

/// <summary>
/// Times on the campaign pages in the manager's time zone (Europe/Berlin here), and the deadline in the campaign's
/// own zone wherever respondents read it. The expected words are worked out with the runtime's time zone data, not
/// with the code under test.
/// </summary>
[Collection(CampaignsNode.Collection)]
public sealed class CampaignTimeZoneTests(CampaignsNode fixture)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A manager whose pages are in Berlin time.</summary>
    private async Task<HttpClient> ManagerInBerlinAsync()
    {
        var client = await fixture.SignedInManagerAsync();
        using var chosen = await client.PostFormAsync("/account/time-zone", [new("TimeZone", "Europe/Berlin")]);
        Assert.Equal("/account/time-zone", chosen.RedirectTarget());
        return client;
    }

    /// <summary>17:00 on a day this far ahead, as a clock shows it (no clock change is ever at 17:00).</summary>
    private static DateTime FivePm(int days) => DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(days).AddHours(17), DateTimeKind.Unspecified);

    private static string Input(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"31 March 2099, 19:00 (UTC+02:00, Europe/Berlin)", worked out with <see cref="TimeZoneInfo"/>.</summary>
    private static string Shown(DateTimeOffset at, TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(at);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)} (UTC{sign}{offset.Duration():hh\\:mm}, {zone.Id})";
    }

    /// <summary>The next night Berlin's clocks go forward: the last Sunday of March, from 02:00 to 03:00.</summary>
    private static DateTime NextSpringForward()
    {
        for (var year = DateTime.UtcNow.Year; ; year++)
        {
            var day = new DateTime(year, 3, 31, 2, 30, 0, DateTimeKind.Unspecified);
            while (day.DayOfWeek != DayOfWeek.Sunday)
            {
                day = day.AddDays(-1);
            }

            if (day > DateTime.UtcNow.AddDays(1))
            {
                return day;
            }
        }
    }

    [Fact]
    public async Task A_manager_in_Berlin_types_the_deadline_in_Berlin_time_and_reads_it_so_while_the_machine_readable_time_stays_UTC()
    {
        using var client = await ManagerInBerlinAsync();
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);
        var blank = await HtmlPage.GetAsync(client, "/campaigns/new");
        var formId = Guid.Parse(blank.ValueOf("Form_Id")!);
        Assert.Contains("You type the times on this form in your time zone, Europe/Berlin", blank.Text, StringComparison.Ordinal);
        Assert.Contains(">Deadline, Europe/Berlin <span class=\"hint\">", blank.Text, StringComparison.Ordinal);
        Assert.Contains(">Opening time, Europe/Berlin <span class=\"hint\">", blank.Text, StringComparison.Ordinal);
        // A new campaign starts in its manager's zone.
        Assert.Equal("Europe/Berlin", blank.SelectedValue("Form_TimeZone"));
        var local = FivePm(40);
        var deadline = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Berlin), TimeSpan.Zero);

        using var saved = await client.PostFormAsync("/campaigns/new", CampaignPagesTests.Form(formId, questionnaireId, suppliers, f =>
        {
            f["Form.Deadline"] = Input(local);
            f["Form.TimeZone"] = "Europe/Berlin";
        }));

        Assert.Equal($"/campaigns/{formId}", saved.RedirectTarget());
        var definition = (await fixture.Node.Grains.GetGrain<ICampaignGrain>(formId).GetAsync())!.Definition;
        Assert.Equal((deadline, "Europe/Berlin"), (definition.Deadline, definition.TimeZone));
        var details = await HtmlPage.GetAsync(client, $"/campaigns/{formId}");
        Assert.Contains($"<dd id=\"campaign-deadline\"><time datetime=\"{Iso(deadline)}\">{Shown(deadline, Berlin)}</time></dd>", details.Text, StringComparison.Ordinal);
        Assert.Contains($"the forms close at {Shown(deadline, Berlin)}.", details.Text, StringComparison.Ordinal);
        var edit = await HtmlPage.GetAsync(client, $"/campaigns/{formId}/edit");
        Assert.Equal(Input(local), edit.ValueOf("Form_Deadline"));
        Assert.Equal("Europe/Berlin", edit.SelectedValue("Form_TimeZone"));

        // The list of campaigns and the extend form speak Berlin time too.
        var list = await HtmlPage.GetAsync(client, "/campaigns");
        Assert.Contains($"<time datetime=\"{Iso(deadline)}\">{Shown(deadline, Berlin)}</time>", list.Text, StringComparison.Ordinal);
        await CampaignPagesTests.LaunchFromPageAsync(client, formId);
        var later = FivePm(60);
        var laterAt = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(later, Berlin), TimeSpan.Zero);
        Assert.Equal(Input(local), (await HtmlPage.GetAsync(client, $"/campaigns/{formId}")).ValueOf("deadline"));
        using var extended = await client.PostFormAsync($"/campaigns/{formId}?handler=Deadline", [new("deadline", Input(later))]);
        Assert.Equal($"/campaigns/{formId}", extended.RedirectTarget());
        Assert.Equal(laterAt, (await fixture.Node.Grains.GetGrain<ICampaignGrain>(formId).GetAsync())!.Definition.Deadline);
        var moved = await HtmlPage.GetAsync(client, $"/campaigns/{formId}");
        Assert.Contains($"The deadline is now {Shown(laterAt, Berlin)}; every invitation follows.", moved.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_the_clocks_skip_and_a_zone_that_does_not_exist_are_refused_next_to_their_fields_and_nothing_is_saved()
    {
        using var client = await ManagerInBerlinAsync();
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);
        var formId = Guid.NewGuid();
        var gap = NextSpringForward();

        using var refused = await client.PostFormAsync("/campaigns/new", CampaignPagesTests.Form(formId, questionnaireId, suppliers, f =>
        {
            f["Form.Deadline"] = Input(gap);
            f["Form.TimeZone"] = "Mars/Olympus_Mons";
        }));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        var day = gap.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        Assert.Contains(
            $"<a href=\"#Form_Deadline\">Deadline: There is no 02:30 on {day} in Europe/Berlin: the clocks go forward from 02:00 to 03:00 that night (UTC+01:00 to UTC+02:00). Enter a time outside the gap, such as 03:30.</a>",
            page.Text, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"#Form_TimeZone\">'Mars/Olympus_Mons' is not a time zone: use an IANA time zone name such as Europe/Berlin or America/New_York, or UTC.</a>",
            page.Text, StringComparison.Ordinal);
        Assert.True(page.IsMarkedInvalid("Form_Deadline"));
        Assert.True(page.IsMarkedInvalid("Form_TimeZone"));
        Assert.Equal(Input(gap), page.ValueOf("Form_Deadline"));
        Assert.Null(await fixture.Node.Grains.GetGrain<ICampaignGrain>(formId).GetAsync());
    }

    [Fact]
    public async Task The_supplier_reads_the_deadline_in_the_campaign_s_zone_with_its_offset_in_the_email_and_on_the_survey_page()
    {
        using var client = await ManagerInBerlinAsync();
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);
        var formId = Guid.NewGuid();
        var local = FivePm(30);
        var deadline = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Berlin), TimeSpan.Zero);
        using var saved = await client.PostFormAsync("/campaigns/new", CampaignPagesTests.Form(formId, questionnaireId, suppliers, f =>
        {
            f["Form.Deadline"] = Input(local);
            f["Form.TimeZone"] = "America/New_York";
            f["Form.Intro"] = "Dear {{contact_name}}, please answer by {{deadline}}.";
        }));
        Assert.Equal($"/campaigns/{formId}", saved.RedirectTarget());
        var theirs = Shown(deadline, NewYork);

        // The manager reads both: the deadline in Berlin time, and how the suppliers will read it.
        var details = await HtmlPage.GetAsync(client, $"/campaigns/{formId}");
        Assert.Contains(
            $"<dd id=\"campaign-time-zone\">America/New_York: the emails and forms give respondents the deadline as <time datetime=\"{Iso(deadline)}\">{theirs}</time></dd>",
            details.Text, StringComparison.Ordinal);
        Assert.Contains($"the forms close at {Shown(deadline, Berlin)}, which respondents read as {theirs}.", details.Text, StringComparison.Ordinal);
        await CampaignPagesTests.LaunchFromPageAsync(client, formId);
        await fixture.Node.Grains.GetGrain<ICampaignGrain>(formId).RunAsync();

        var mail = Assert.Single(await fixture.MailToAsync(suppliers[0].Emails));
        Assert.Contains($"please answer by {theirs}.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Please answer by {theirs}.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<p>Please answer by {theirs}.", mail.HtmlBody, StringComparison.Ordinal);

        using var anonymous = fixture.Node.CreateClient();
        var form = await HtmlPage.GetAsync(anonymous, $"/s/{CampaignsNode.TokenIn(mail)}");
        Assert.Contains($"<p id=\"deadline\">Please answer by <strong><time datetime=\"{Iso(deadline)}\">{theirs}</time></strong>.</p>", form.Text, StringComparison.Ordinal);
        Assert.Contains($"please answer by {theirs}.", form.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_takes_and_returns_the_campaign_s_zone_keeps_its_times_UTC_and_refuses_an_unknown_zone_by_field()
    {
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);
        var deadline = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(20).AddHours(15), TimeSpan.Zero);
        Dictionary<string, object?> Body(string? zone) => new()
        {
            ["name"] = "API campaign in a zone",
            ["questionnaireId"] = questionnaireId,
            ["questionnaireVersion"] = 1,
            ["audience"] = "Chosen",
            ["suppliers"] = suppliers.Select(s => s.Id).ToArray(),
            ["deadline"] = deadline,
            ["timeZone"] = zone,
        };

        using var created = await fixture.Writer.PostAsJsonAsync("/api/campaigns", Body("europe/berlin"), Cancel);
        using var plain = await fixture.Writer.PostAsJsonAsync("/api/campaigns", Body(null), Cancel);
        using var refused = await fixture.Writer.PostAsJsonAsync("/api/campaigns", Body("Mars/Olympus_Mons"), Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var definition = (await created.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["definition"]!;
        Assert.Equal("Europe/Berlin", (string?)definition["timeZone"]);
        Assert.Equal(deadline, DateTimeOffset.Parse((string)definition["deadline"]!, CultureInfo.InvariantCulture));
        Assert.EndsWith("+00:00", (string)definition["deadline"]!, StringComparison.Ordinal);
        Assert.Equal("UTC", (string?)(await plain.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["definition"]!["timeZone"]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["errors"]!;
        Assert.Equal(
            "'Mars/Olympus_Mons' is not a time zone: use an IANA time zone name such as Europe/Berlin or America/New_York, or UTC.",
            (string?)errors["timeZone"]![0]);
    }
}
