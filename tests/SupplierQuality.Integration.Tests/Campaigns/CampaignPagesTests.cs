using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Campaigns;

[Collection(CampaignsNode.Collection)]
public sealed class CampaignPagesTests(CampaignsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A valid new-campaign form of these suppliers, as a browser posts it; <paramref name="change"/> edits it first.</summary>
    internal static List<KeyValuePair<string, string>> Form(
        Guid formId, Guid questionnaireId, IEnumerable<TestSupplier> suppliers, Action<Dictionary<string, string>>? change = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Id"] = formId.ToString(),
            ["Form.Name"] = "Supplier survey " + formId.ToString("N")[..8],
            ["Form.Questionnaire"] = $"{questionnaireId}:1",
            ["Form.Audience"] = "Chosen",
            ["Form.Evaluators"] = "",
            ["Form.OpensAt"] = "",
            ["Form.Deadline"] = CampaignsNode.LocalInput(TimeSpan.FromDays(14)),
            ["Form.ReminderDays"] = "3, 7",
            ["Form.Subject"] = "{{supplier_name}}: how did we do?",
            ["Form.Intro"] = "Dear {{contact_name}},\n\nplease tell us.",
            ["Form.EvaluatorSubject"] = "Please rate {{supplier_name}}",
            ["Form.EvaluatorIntro"] = "Dear {{contact_name}},\n\nplease rate {{supplier_name}}.",
            ["Form.BuyerName"] = CampaignsNode.BuyerName,
            ["PickPage"] = "1",
        };
        change?.Invoke(fields);
        return [.. fields, .. suppliers.Select(s => new KeyValuePair<string, string>("Form.Suppliers", s.Id.ToString()))];
    }

    /// <summary>The value of the first hidden input with this name on the page.</summary>
    /// <summary>Ticks the box and presses Launch on the campaign's page, as a manager does after reading what it sends.</summary>
    internal static async Task LaunchFromPageAsync(HttpClient client, Guid id)
    {
        using var launched = await client.PostFormAsync($"/campaigns/{id}?handler=Launch", [new("confirm", "true")]);
        Assert.Equal($"/campaigns/{id}", launched.RedirectTarget());
    }

    private static string Hidden(HtmlPage page, string name)
    {
        var match = Regex.Match(page.Text, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"The page has no hidden {name}.");
        return match.Groups[1].Value;
    }

    /// <summary>A counter of the campaign page (<c>invited</c>, <c>sent</c>...).</summary>
    private static int Count(HtmlPage page, string counter) =>
        int.Parse(Regex.Match(page.Text, $"<td id=\"count-{counter}\">(\\d+)</td>").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_bad_form_shows_each_message_next_to_its_field_and_keeps_what_was_typed_then_a_good_one_saves_a_draft()
    {
        using var client = await fixture.SignedInManagerAsync();
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);
        var blank = await HtmlPage.GetAsync(client, "/campaigns/new");
        var formId = Guid.Parse(blank.ValueOf("Form_Id")!);
        Assert.Equal(CampaignsNode.BuyerName, blank.ValueOf("Form_BuyerName"));

        using var bad = await client.PostFormAsync("/campaigns/new", Form(formId, questionnaireId, suppliers, f =>
        {
            f["Form.Name"] = "";
            f["Form.OpensAt"] = CampaignsNode.LocalInput(TimeSpan.FromDays(3));
            f["Form.Deadline"] = CampaignsNode.LocalInput(TimeSpan.FromDays(2));
            f["Form.ReminderDays"] = "";
            f["Form.Evaluators"] = "Ann Lee <ann@buyer.test>\n\nBob Stone, bob@buyer.test\nCarl Dunn <carl-at-buyer.test>";
            f["Form.Subject"] = "Survey for {{supplier}}";
        }));

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = await HtmlPage.ReadAsync(bad);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_Name\">Enter the campaign's name.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_Deadline\">The deadline must be at least an hour after the opening time.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_Evaluators\">Line 3: write the evaluator as Name <name@example.com>.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_Evaluators\">Line 4: 'carl-at-buyer.test' is not an email address.</a>", page.Text, StringComparison.Ordinal);
        Assert.Matches("<a href=\"#Form_Subject\">\\{\\{supplier\\}\\} is not a known placeholder", page.Text);
        Assert.Matches("id=\"Form_Name-error\"[^>]*>\\s*Enter the campaign's name.", page.Text);
        var evaluatorErrors = Regex.Match(page.Text, "id=\"Form_Evaluators-error\"[^>]*>(.*?)</span>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Line 3: write the evaluator", evaluatorErrors, StringComparison.Ordinal);
        Assert.Contains("Line 4: 'carl-at-buyer.test' is not an email address.", evaluatorErrors, StringComparison.Ordinal);
        Assert.Equal("Survey for {{supplier}}", page.ValueOf("Form_Subject"));
        Assert.Contains("Bob Stone, bob@buyer.test", page.Text, StringComparison.Ordinal);
        Assert.Matches($"<input type=\"checkbox\" id=\"pick-{suppliers[0].Id:N}\"[^>]*checked=\"checked\"|<input type=\"hidden\" name=\"Form.Suppliers\" value=\"{suppliers[0].Id}\"", page.Text);
        Assert.Null(await fixture.Node.Grains.GetGrain<ICampaignGrain>(formId).GetAsync());

        using var good = await client.PostFormAsync("/campaigns/new", Form(formId, questionnaireId, suppliers, f =>
            f["Form.Evaluators"] = "Ann Lee <ann@buyer.test>\n\nBob Stone <bob@buyer.test>"));

        Assert.Equal($"/campaigns/{formId}", good.RedirectTarget());
        var details = await HtmlPage.GetAsync(client, good.RedirectTarget()!);
        Assert.Contains("Draft saved.", details.Text, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"campaign-status\">Draft</strong>", details.Text, StringComparison.Ordinal);
        Assert.Contains("Ann Lee <ann@buyer.test>, Bob Stone <bob@buyer.test>", details.Text, StringComparison.Ordinal);
        var saved = (await fixture.Node.Grains.GetGrain<ICampaignGrain>(formId).GetAsync())!;
        Assert.Equal(CampaignStatus.Draft, saved.Status);
        Assert.Equal([suppliers[0].Id], saved.Definition.Suppliers);
        Assert.Equal([3, 7], saved.Definition.ReminderDays);
        var list = await HtmlPage.GetAsync(client, "/campaigns");
        Assert.Contains($"href=\"/campaigns/{formId}\">{saved.Definition.Name}</a>", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_launched_campaign_mails_each_contact_once_counts_it_resends_on_request_and_closes_the_forms_early()
    {
        using var client = await fixture.SignedInManagerAsync();
        var (questionnaireId, _) = await fixture.QuestionnaireAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1, 2, 1);
        var emails = suppliers.SelectMany(s => s.Emails).ToList();
        var formId = Guid.NewGuid();

        // "Save and review the launch" saves the draft; the campaign's page says what the launch sends and waits for the box.
        using var saved = await client.PostFormAsync("/campaigns/new?handler=Launch", Form(formId, questionnaireId, suppliers));
        Assert.Equal($"/campaigns/{formId}#launch", saved.RedirectTarget());
        var review = await HtmlPage.GetAsync(client, $"/campaigns/{formId}");
        Assert.Contains("Yes, launch: Launching sends 4 emails to 4 people at 3 suppliers now; reminders on days 3 and 7 to those who have not answered", review.Text, StringComparison.Ordinal);
        using var unconfirmed = await client.PostFormAsync($"/campaigns/{formId}?handler=Launch", []);
        Assert.Contains("Tick the box to confirm the launch", (await HtmlPage.ReadAsync(unconfirmed)).Text, StringComparison.Ordinal);
        var campaign = fixture.Node.Grains.GetGrain<ICampaignGrain>(formId);
        Assert.Equal(CampaignStatus.Draft, (await campaign.GetAsync())!.Status);
        await LaunchFromPageAsync(client, formId);
        await campaign.RunAsync();

        var page = await CampaignsNode.EventuallyAsync(
            () => HtmlPage.GetAsync(client, $"/campaigns/{formId}"), p => Count(p, "sent") == 4, "four invitations counted as sent");
        Assert.Equal(4, Count(page, "invited"));
        Assert.Contains("<strong id=\"campaign-status\">Open</strong>", page.Text, StringComparison.Ordinal);
        var mail = await fixture.MailToAsync(emails);
        Assert.Equal(emails.Order(), mail.Select(m => m.To.Email).Order());
        Assert.All(mail, m => Assert.StartsWith(suppliers.Single(s => s.Emails.Contains(m.To.Email)).Name, m.Subject, StringComparison.Ordinal));

        // The supplier with two contacts: its page lists both invitations, each with a resend button.
        var second = suppliers[1];
        Assert.Contains($"href=\"/campaigns/{formId}/suppliers/{second.Id}\">{second.Name}</a>", page.Text, StringComparison.Ordinal);
        var supplierPage = await HtmlPage.GetAsync(client, $"/campaigns/{formId}/suppliers/{second.Id}");
        Assert.All(second.Emails, e => Assert.Contains($"<{e}>", supplierPage.Text, StringComparison.Ordinal));
        Assert.Equal(2, Regex.Count(supplierPage.Text, ">Resend</button>"));

        KeyValuePair<string, string>[] click = [new("invitationKey", Hidden(supplierPage, "invitationKey")), new("click", Hidden(supplierPage, "click"))];
        using var resent = await client.PostFormAsync($"/campaigns/{formId}/suppliers/{second.Id}?handler=Resend", click);
        Assert.Equal($"/campaigns/{formId}/suppliers/{second.Id}", resent.RedirectTarget());
        Assert.Contains("is being sent again.", (await HtmlPage.GetAsync(client, resent.RedirectTarget()!)).Text, StringComparison.Ordinal);
        await campaign.RunAsync();

        // The same click again (a double-click two seconds later) sends nothing more, and says so.
        using var twice = await client.PostFormAsync($"/campaigns/{formId}/suppliers/{second.Id}?handler=Resend", click);
        Assert.Contains("the repeated click sent nothing more", (await HtmlPage.GetAsync(client, twice.RedirectTarget()!)).Text, StringComparison.Ordinal);
        await campaign.RunAsync();
        var again = await fixture.MailToAsync(emails);
        Assert.Equal(5, again.Count);
        Assert.Equal(2, again.Count(m => m.To.Email == second.Emails[0]));
        var words = await HtmlPage.GetAsync(client, $"/campaigns/{formId}/suppliers/{second.Id}");
        Assert.Contains("<td>invitation, 1 resend</td>", words.Text, StringComparison.Ordinal);
        Assert.Contains("<td>Supplier contact</td>", words.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("resend-1", words.Text, StringComparison.Ordinal);

        // Remind everyone who has not answered, now, with a personal line: one more email each; the same click again sends nothing.
        var details = await HtmlPage.GetAsync(client, $"/campaigns/{formId}");
        KeyValuePair<string, string>[] remind = [new("click", Hidden(details, "click")), new("line", "Our audit is next week.")];
        using (var reminded = await client.PostFormAsync($"/campaigns/{formId}?handler=RemindNow", remind))
        {
            Assert.Contains("A reminder is going now to everyone who has not answered", (await HtmlPage.GetAsync(client, reminded.RedirectTarget()!)).Text, StringComparison.Ordinal);
        }

        await campaign.RunAsync();
        using (var twiceReminded = await client.PostFormAsync($"/campaigns/{formId}?handler=RemindNow", remind))
        {
            Assert.Contains("That click already sent its reminder", (await HtmlPage.GetAsync(client, twiceReminded.RedirectTarget()!)).Text, StringComparison.Ordinal);
        }

        await campaign.RunAsync();
        var reminders = (await fixture.MailToAsync(emails)).Where(m => m.Subject.StartsWith("Reminder: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(emails.Order(), reminders.Select(m => m.To.Email).Order());
        Assert.All(reminders, m => Assert.Contains("Our audit is next week.", m.TextBody, StringComparison.Ordinal));

        // Closing early makes the forms read-only: the link in the email answers 410 with the closed page.
        var token = CampaignsNode.TokenIn(mail.First(m => m.To.Email == emails[0]));
        using (var open = await client.GetAsync(new Uri($"/s/{token}", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        var running = await HtmlPage.GetAsync(client, $"/campaigns/{formId}");
        Assert.Contains("Yes, close early: Closing now makes every form read-only: 4 people who have not answered can no longer answer; the 0 answers so far count; the reminders of days 3 and 7 will not be sent.", running.Text, StringComparison.Ordinal);
        using var closed = await client.PostFormAsync($"/campaigns/{formId}?handler=Close", [new("confirm", "true")]);
        Assert.Equal($"/campaigns/{formId}", closed.RedirectTarget());
        await campaign.RunAsync();
        var after = await HtmlPage.GetAsync(client, $"/campaigns/{formId}");
        Assert.Contains("Closed early", after.Text, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"campaign-status\">Closed</strong>", after.Text, StringComparison.Ordinal);
        using var form = await client.GetAsync(new Uri($"/s/{token}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Gone, form.StatusCode);
    }

    [Fact]
    public async Task A_draft_launches_from_its_page_and_a_refused_command_shows_the_campaigns_reason()
    {
        using var client = await fixture.SignedInManagerAsync();
        var suppliers = await fixture.SuppliersAsync(null, 1);
        var draft = await fixture.DraftAsync(suppliers);
        var id = draft.GetPrimaryKey();

        await LaunchFromPageAsync(client, id);
        Assert.Contains("Launched: the invitations are going out now.", (await HtmlPage.GetAsync(client, $"/campaigns/{id}")).Text, StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.Open, (await draft.GetAsync())!.Status);

        // A page opened before someone else cancelled: its close button meets the campaign's refusal.
        Assert.Equal(CommandOutcome.Ok, (await draft.CancelAsync()).Outcome);
        using var refused = await client.PostFormAsync($"/campaigns/{id}?handler=Close", [new("confirm", "true")], formPath: $"/campaigns/{id}");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains("The campaign was not closed: The campaign is cancelled.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_campaign_page_lists_each_address_that_needs_attention_and_counts_each_kind_apart()
    {
        using var client = await fixture.SignedInManagerAsync();
        var suppliers = await fixture.SuppliersAsync(null, 2);
        var draft = await fixture.DraftAsync(suppliers);
        var id = draft.GetPrimaryKey();
        await LaunchFromPageAsync(client, id);
        await draft.RunAsync();
        var emails = suppliers[0].Emails;
        var mail = await fixture.MailToAsync(emails);
        var invitation = (string email) => fixture.Node.Grains.GetGrain<IInvitationGrain>(
            InvitationToken.Hash(CampaignsNode.TokenIn(mail.Single(m => m.To.Email == email))));

        await invitation(emails[0]).RecordDeliveryAsync(new DeliveryEvent(DeliveryEventType.SpamReport, DateTimeOffset.UtcNow, null, false, $"spam-{id}"));
        await invitation(emails[1]).RecordDeliveryAsync(new DeliveryEvent(DeliveryEventType.Bounce, DateTimeOffset.UtcNow, "550 unknown", true, $"bounce-{id}"));

        var page = await CampaignsNode.EventuallyAsync(
            () => HtmlPage.GetAsync(client, $"/campaigns/{id}"), p => p.Text.Contains("<td id=\"count-spam\">1</td>", StringComparison.Ordinal), "the spam report counted");
        Assert.Contains("<td id=\"count-bounced\">1</td>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<td id=\"count-unsubscribed\">0</td>", page.Text, StringComparison.Ordinal);
        Assert.Contains("Needs attention", page.Text, StringComparison.Ordinal);
        Assert.Contains($"{emails[0]} at <a href=\"/campaigns/{id}/suppliers/{suppliers[0].Id}\">{suppliers[0].Name}</a>: reported the survey email as spam", page.Text, StringComparison.Ordinal);
        Assert.Contains($"{emails[1]} at <a href=\"/campaigns/{id}/suppliers/{suppliers[0].Id}\">{suppliers[0].Name}</a>: bounced; fix the address on the supplier", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_is_edited_with_the_same_form_until_it_is_launched()
    {
        using var client = await fixture.SignedInManagerAsync();
        var draft = await fixture.DraftAsync(await fixture.SuppliersAsync(null, 1), "Before the edit");
        var id = draft.GetPrimaryKey();
        var saved = (await draft.GetAsync())!.Definition;
        var form = await HtmlPage.GetAsync(client, $"/campaigns/{id}/edit");
        Assert.Equal("Before the edit", form.ValueOf("Form_Name"));
        Assert.Equal(saved.Deadline.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture), form.ValueOf("Form_Deadline"));

        using var edited = await client.PostFormAsync($"/campaigns/{id}/edit", Form(id, saved.QuestionnaireId, [], f =>
        {
            f["Form.Name"] = "After the edit";
            f["Form.Audience"] = "AllActive";
            f["Form.Evaluators"] = "Ann Lee <ann@buyer.test>";
        }));

        Assert.Equal($"/campaigns/{id}", edited.RedirectTarget());
        var after = (await draft.GetAsync())!.Definition;
        Assert.Equal(("After the edit", AudienceKind.AllActive, 1), (after.Name, after.Audience, after.Evaluators.Count));

        Assert.Equal(CommandOutcome.Ok, (await draft.CancelAsync()).Outcome);
        using var late = await client.GetAsync(new Uri($"/campaigns/{id}/edit", UriKind.Relative), Cancel);
        Assert.Equal($"/campaigns/{id}", late.RedirectTarget());
        Assert.Contains("A launched campaign cannot be edited", (await HtmlPage.GetAsync(client, $"/campaigns/{id}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_takes_a_ticked_box()
    {
        using var client = await fixture.SignedInManagerAsync();
        var draft = await fixture.DraftAsync(await fixture.SuppliersAsync(null, 1));
        var id = draft.GetPrimaryKey();

        using var unticked = await client.PostFormAsync($"/campaigns/{id}?handler=Cancel", []);

        var page = await HtmlPage.ReadAsync(unticked);
        Assert.Equal(HttpStatusCode.OK, unticked.StatusCode);
        Assert.Contains("<a href=\"#confirm\">Tick the box to confirm the cancellation: it cannot be undone.</a>", page.Text, StringComparison.Ordinal);
        Assert.Matches("id=\"confirm-error\"[^>]*>Tick the box", page.Text);
        Assert.Equal(CampaignStatus.Draft, (await draft.GetAsync())!.Status);

        using var ticked = await client.PostFormAsync($"/campaigns/{id}?handler=Cancel", [new("confirm", "true")]);

        Assert.Equal($"/campaigns/{id}", ticked.RedirectTarget());
        Assert.Equal(CampaignStatus.Cancelled, (await draft.GetAsync())!.Status);
    }

    [Fact]
    public async Task An_earlier_deadline_is_refused_next_to_its_field_and_a_later_one_is_taken()
    {
        using var client = await fixture.SignedInManagerAsync();
        var campaign = await fixture.LaunchedAsync(await fixture.SuppliersAsync(null, 1));
        var id = campaign.GetPrimaryKey();
        var earlier = CampaignsNode.LocalInput(TimeSpan.FromDays(5));

        using var refused = await client.PostFormAsync($"/campaigns/{id}?handler=Deadline", [new("deadline", earlier)]);

        var page = await HtmlPage.ReadAsync(refused);
        Assert.Contains("<a href=\"#deadline\">The new deadline must be later than the current one", page.Text, StringComparison.Ordinal);
        Assert.Matches("id=\"deadline-error\"[^>]*>The new deadline must be later", page.Text);
        Assert.Equal(earlier, page.ValueOf("deadline"));

        var later = CampaignsNode.LocalInput(TimeSpan.FromDays(20));
        using var taken = await client.PostFormAsync($"/campaigns/{id}?handler=Deadline", [new("deadline", later)]);

        Assert.Equal($"/campaigns/{id}", taken.RedirectTarget());
        var details = await HtmlPage.GetAsync(client, $"/campaigns/{id}");
        var shown = DateTime.ParseExact(later, "yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            .ToString("d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"<dd id=\"campaign-deadline\"><time datetime=\"{later}:00Z\">{shown} UTC</time></dd>", details.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppliers_added_to_an_open_campaign_are_invited()
    {
        using var client = await fixture.SignedInManagerAsync();
        var tag = "Added " + Guid.NewGuid().ToString("N")[..6];
        var first = await fixture.SuppliersAsync(tag, 1);
        var more = await fixture.SuppliersAsync(tag, 1, 1);
        var campaign = await fixture.LaunchedAsync(first);
        var id = campaign.GetPrimaryKey();

        using var filtered = await client.PostFormAsync(
            $"/campaigns/{id}/add-suppliers?handler=Pick", [new("PickFilter", tag), new("PickTo", "1")], formPath: $"/campaigns/{id}/add-suppliers");
        var picker = await HtmlPage.ReadAsync(filtered);
        Assert.Contains("3 active suppliers match", picker.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"pick-{first[0].Id:N}\"", picker.Text, StringComparison.Ordinal);
        Assert.Contains($"id=\"pick-{more[0].Id:N}\"", picker.Text, StringComparison.Ordinal);

        using var added = await client.PostFormAsync($"/campaigns/{id}/add-suppliers", [.. more.Select(s => new KeyValuePair<string, string>("Suppliers", s.Id.ToString()))]);

        Assert.Equal($"/campaigns/{id}", added.RedirectTarget());
        await campaign.RunAsync();
        await CampaignsNode.EventuallyAsync(() => campaign.GetAsync(), c => c!.Counts.Sent == 3, "the added suppliers' invitations");
        Assert.Equal(3, (await fixture.MailToAsync(first.Concat(more).SelectMany(s => s.Emails))).Count);
    }

    [Fact]
    public async Task The_supplier_picker_pages_without_losing_what_was_typed_or_chosen()
    {
        using var client = await fixture.SignedInManagerAsync();
        var tag = "Picker " + Guid.NewGuid().ToString("N")[..6];
        var suppliers = await fixture.SuppliersAsync(tag, [.. Enumerable.Repeat(0, 51)]);
        var ordered = suppliers.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();

        using var second = await client.PostFormAsync("/campaigns/new?handler=Pick", Form(Guid.NewGuid(), Guid.Empty, [ordered[0]], f =>
        {
            f["Form.Name"] = "Typed before paging";
            f["PickFilter"] = tag;
            f["PickTo"] = "2";
        }), formPath: "/campaigns/new");

        var page = await HtmlPage.ReadAsync(second);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.DoesNotContain("There is a problem", page.Text, StringComparison.Ordinal);
        Assert.Equal("Typed before paging", page.ValueOf("Form_Name"));
        Assert.Contains("51 active suppliers match · 1 chosen", page.Text, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", page.Text, StringComparison.Ordinal);
        Assert.Contains($"id=\"pick-{ordered[50].Id:N}\"", page.Text, StringComparison.Ordinal);
        Assert.Equal(ordered[0].Id.ToString(), Hidden(page, "Form.Suppliers"));
    }

    [Fact]
    public async Task Campaign_pages_are_for_quality_managers()
    {
        using var anonymous = fixture.Node.CreateClient();
        using var executive = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        using var visitor = await anonymous.GetAsync(new Uri("/campaigns", UriKind.Relative), Cancel);
        using var reader = await executive.GetAsync(new Uri("/campaigns/new", UriKind.Relative), Cancel);

        Assert.StartsWith("/account/sign-in", visitor.RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", reader.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_campaign_is_404()
    {
        using var client = await fixture.SignedInManagerAsync();

        using var details = await client.GetAsync(new Uri($"/campaigns/{Guid.NewGuid()}", UriKind.Relative), Cancel);
        using var supplier = await client.GetAsync(new Uri($"/campaigns/{Guid.NewGuid()}/suppliers/{Guid.NewGuid()}", UriKind.Relative), Cancel);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (details.StatusCode, supplier.StatusCode));
    }
}
