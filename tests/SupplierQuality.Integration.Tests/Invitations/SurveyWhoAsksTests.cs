using System.Net;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Invitations;

/// <summary>Who asks, about whom, why, who sees the answers and by when: on every page of the form (issue 14, item 12).</summary>
[Collection(InvitationsNode.Collection)]
public sealed class SurveyWhoAsksTests(InvitationsNode fixture)
{
    private static readonly DateTimeOffset Deadline = new(2099, 3, 31, 17, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string DeadlineInUtc = "<time datetime=\"2099-03-31T17:00:00Z\">31 March 2099, 17:00 UTC</time>";

    private const string Privacy =
        "<p id=\"privacy-note\"><strong>Who sees your answers:</strong> <span class=\"pre-line\">Only Acme's quality team reads your answers.\nThey are never shared with other suppliers.</span></p>";

    private const string Contact =
        "<p id=\"survey-contact\">Questions about this survey? Ask Quinn Quality (<a href=\"mailto:quinn@acme-buying.test\">quinn@acme-buying.test</a>), or write to <a href=\"mailto:quality@acme-buying.test\">quality@acme-buying.test</a>.</p>";

    [Fact]
    public async Task The_form_names_the_company_with_its_logo_contact_and_reply_to_the_supplier_why_who_sees_the_answers_and_the_deadline_with_its_zone()
    {
        var (token, _) = await fixture.IssueAsync(Deadline);
        using var client = fixture.Node.CreateClient();

        var page = await HtmlPage.GetAsync(client, $"/s/{token}");
        var logo = $"/organisation/logo?v={fixture.LogoTag}";
        using var image = await client.GetAsync(logo, Cancel);

        Assert.Contains($"<img src=\"{logo}\" alt=\"\" height=\"48\" />", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<strong>{InvitationsNode.BuyerName}</strong>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Supplier: <strong>{InvitationsNode.SupplierName}</strong>", page.Text, StringComparison.Ordinal);
        Assert.Contains(
            $"<p id=\"why-asked\">You are asked as a contact at {InvitationsNode.SupplierName}, about how working with {InvitationsNode.BuyerName} goes.</p>",
            page.Text,
            StringComparison.Ordinal);
        Assert.Contains($"<p id=\"deadline\">Please answer by <strong>{DeadlineInUtc}</strong>.</p>", page.Text, StringComparison.Ordinal);
        Assert.Contains(Privacy, page.Text, StringComparison.Ordinal);
        Assert.Contains(Contact, page.Text, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "image/png"), (image.StatusCode, image.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task An_evaluator_reads_which_supplier_they_rate_and_why_they_are_asked()
    {
        var (token, _) = await fixture.IssueAsync(Deadline, kind: RecipientKind.Evaluator);
        using var client = fixture.Node.CreateClient();

        var page = await HtmlPage.GetAsync(client, $"/s/{token}");

        Assert.Contains($"You are rating <strong>{InvitationsNode.SupplierName}</strong>.", page.Text, StringComparison.Ordinal);
        Assert.Contains(
            $"You are asked as a colleague at {InvitationsNode.BuyerName} who works with {InvitationsNode.SupplierName}, to rate them as a supplier.",
            page.Text,
            StringComparison.Ordinal);
        Assert.Contains(Privacy, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_of_the_form_names_the_supplier_the_company_and_who_sees_the_answers()
    {
        var (token, version) = await fixture.IssueAsync(Deadline);
        using var client = fixture.Node.CreateClient();

        using var saved = await client.PostFormAsync($"/s/{token}", [new("action", "save")]);
        var savedPage = await HtmlPage.GetAsync(client, saved.RedirectTarget()!);
        using var refused = await client.PostFormAsync($"/s/{token}", [new("action", "submit")]);
        var refusedPage = await HtmlPage.ReadAsync(refused);
        using var submitted = await client.PostFormAsync($"/s/{token}", [.. CampaignSamples.FormFields(version), new("action", "submit")]);
        var thanks = await HtmlPage.GetAsync(client, submitted.RedirectTarget()!);
        var editing = await HtmlPage.GetAsync(client, $"/s/{token}?edit=true");
        await fixture.Grain(token).CloseAsync(InvitationEnding.ClosedEarly);
        using var closed = await client.GetAsync($"/s/{token}", Cancel);
        var closedPage = await HtmlPage.ReadAsync(closed);

        Assert.Equal(HttpStatusCode.Gone, closed.StatusCode);
        foreach (var (name, page) in new[] { ("saved", savedPage), ("refused", refusedPage), ("thank you", thanks), ("editing", editing), ("closed", closedPage) })
        {
            Assert.True(page.Text.Contains($"Supplier: <strong>{InvitationsNode.SupplierName}</strong>", StringComparison.Ordinal), $"{name}: no supplier");
            Assert.True(page.Text.Contains($"<strong>{InvitationsNode.BuyerName}</strong>", StringComparison.Ordinal), $"{name}: no company");
            Assert.True(page.Text.Contains(Privacy, StringComparison.Ordinal), $"{name}: no privacy note");
            Assert.True(page.Text.Contains(Contact, StringComparison.Ordinal), $"{name}: no contact");
        }

        Assert.Contains($"Deadline: <strong>{DeadlineInUtc}</strong>", closedPage.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_thank_you_page_says_what_happens_next_and_no_longer_asks_for_an_answer_by_the_deadline()
    {
        var (token, version) = await fixture.IssueAsync(Deadline);
        using var client = fixture.Node.CreateClient();

        using var submitted = await client.PostFormAsync($"/s/{token}", [.. CampaignSamples.FormFields(version), new("action", "submit")]);
        var thanks = await HtmlPage.GetAsync(client, submitted.RedirectTarget()!);
        var later = await HtmlPage.GetAsync(client, $"/s/{token}");

        Assert.Contains("Thank you: your answers are submitted", thanks.Text, StringComparison.Ordinal);
        foreach (var page in new[] { thanks, later })
        {
            Assert.Contains("<h2 id=\"what-next-title\">What happens next</h2>", page.Text, StringComparison.Ordinal);
            Assert.Contains($"Your answers are with {InvitationsNode.BuyerName}'s quality team now, and count in the results of this survey.", page.Text, StringComparison.Ordinal);
            Assert.Contains("You will get no reminders about this survey.", page.Text, StringComparison.Ordinal);
            Assert.Contains($"You can change your answers until {DeadlineInUtc}: the last answers you submit are the ones that count.", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Please answer by", page.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("id=\"deadline\"", page.Text, StringComparison.Ordinal);
            Assert.Contains("Email me a copy of my answers", page.Text, StringComparison.Ordinal);
            Assert.Contains("We email it to <strong>d***@supplier.test</strong>, the address this survey was sent to, and to no other.", page.Text, StringComparison.Ordinal);
        }
    }
}
