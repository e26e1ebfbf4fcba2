using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Email.Tests.SendGridServer;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Organisation;
using SupplierQuality.Integration.Tests.Suppliers;
using SupplierQuality.Web.Pages.Survey;

namespace SupplierQuality.Integration.Tests.Invitations;

/// <summary>A node sending through the real SendGrid SDK to a loopback SendGrid, which counts every message it takes.</summary>
public sealed class AnswerCopyNode : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://survey.acme-buying.test";

    private SendGridLoopbackServer? _sendGrid;
    private TestNode? _node;

    public SendGridLoopbackServer SendGrid => _sendGrid ?? throw new InvalidOperationException("Not started.");

    public TestNode Node => _node ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _sendGrid = await SendGridLoopbackServer.StartAsync();
        _node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Mail:Sender"] = "SendGrid",
            ["SendGrid:ApiKey"] = _sendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = _sendGrid.BaseUrl.ToString(),
            ["SendGrid:FromEmail"] = "surveys@acme-buying.test",
            ["Campaigns:PublicBaseUrl"] = PublicBaseUrl,
        });
        var saved = await _node.Grains.GetOrganisation().SaveAsync(new OrganisationUpdate(InvitationsNode.Profile, OrganisationNode.Png), null, TestNode.AdminEmail);
        Assert.Equal(CommandOutcome.Ok, saved.Outcome);
    }

    /// <summary>An invitation to its own address, answered in full; its token, answers and address.</summary>
    public async Task<(string Token, QuestionnaireVersion Version, Dictionary<string, string[]> Answers, string Email)> SubmittedAsync()
    {
        var email = $"dana-{Guid.NewGuid():N}@supplier.test";
        var (token, version) = await InvitationsNode.IssueAsync(Node, recipientEmail: email);
        var answers = CampaignSamples.Complete(version);
        Assert.Equal(InvitationOutcome.Ok, (await InvitationsNode.Grain(Node, token).SubmitAsync(answers, Guid.NewGuid())).Outcome);
        return (token, version, answers, email);
    }

    /// <summary>What SendGrid took for <paramref name="email"/>.</summary>
    public List<SentMessage> MailTo(string email) => [.. SendGrid.Accepted.Where(m => m.To == email)];

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (_sendGrid is not null)
        {
            await _sendGrid.DisposeAsync();
        }
    }
}

/// <summary>"Email me a copy of my answers" on the thank-you page (issue 14, item 12).</summary>
public sealed partial class SurveyAnswerCopyTests(AnswerCopyNode fixture) : IClassFixture<AnswerCopyNode>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The copy button's form on the page at <paramref name="path"/>: its click id and antiforgery token.</summary>
    private static async Task<(string CopyId, string Antiforgery)> CopyFormAsync(HttpClient client, string path)
    {
        var page = await HtmlPage.GetAsync(client, path);
        var copyId = CopyIdInput().Match(page.Text);
        Assert.True(copyId.Success, "The page has no copy button.");
        return (copyId.Groups[1].Value, await client.GetAntiforgeryTokenAsync(path));
    }

    private static async Task<HttpResponseMessage> PostCopyAsync(HttpClient client, string token, string? copyId, string? antiforgery)
    {
        var fields = new List<KeyValuePair<string, string>> { new("action", "copy") };
        if (copyId is not null)
        {
            fields.Add(new("copyId", copyId));
        }

        if (antiforgery is not null)
        {
            fields.Add(new(NodeClientExtensions.AntiforgeryField, antiforgery));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync($"/s/{token}", content, Cancel);
    }

    [Fact]
    public async Task One_click_sent_twice_reaches_SendGrid_once_with_the_answers_as_the_page_reads_them_back_and_no_other_link()
    {
        var (token, version, answers, email) = await fixture.SubmittedAsync();
        using var client = fixture.Node.CreateClient();
        var (copyId, antiforgery) = await CopyFormAsync(client, $"/s/{token}");

        using var first = await PostCopyAsync(client, token, copyId, antiforgery);
        using var again = await PostCopyAsync(client, token, copyId, antiforgery);
        var page = await HtmlPage.GetAsync(client, first.RedirectTarget()!);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, again.StatusCode));
        Assert.Equal($"/s/{token}?copied=true", first.RedirectTarget());
        Assert.Contains($"A copy of your answers is on its way to <strong>d***@supplier.test</strong>.", page.Text, StringComparison.Ordinal);
        Assert.Contains("1 copy sent; you can ask for 2 more.", page.Text, StringComparison.Ordinal);

        var mail = Assert.Single(fixture.MailTo(email));
        Assert.Equal("Your answers to Supplier survey 2025", mail.Subject);
        Assert.Equal(("surveys@acme-buying.test", InvitationsNode.BuyerName), (mail.From, mail.FromName));
        Assert.Equal("quality@acme-buying.test", mail.ReplyTo);
        Assert.Equal(InvitationToken.Hash(token), mail.InvitationId);
        Assert.Contains("Dear Dana Supplier,", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"Supplier: {InvitationsNode.SupplierName}", mail.Text, StringComparison.Ordinal);
        var number = 0;
        foreach (var question in version.Questions)
        {
            Assert.Contains($"{++number}. {question.Text}\n   {FormModel.Readable(question, answers)}", mail.Text, StringComparison.Ordinal);
        }

        Assert.Contains("1. How good were the parts?\n   4 of 5", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<dd style=\"margin:0 0 .75em 0\">4 of 5</dd>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("Who sees your answers: Only Acme's quality team reads your answers.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Questions about this survey? Ask Quinn Quality (quinn@acme-buying.test), or reply to this email.", mail.Text, StringComparison.Ordinal);

        // The survey link is the only link with the token; nothing unsubscribes, nothing else is linked.
        Assert.Equal([$"{AnswerCopyNode.PublicBaseUrl}/s/{token}"], Links().Matches(mail.Text).Select(m => m.Value).Distinct());
        Assert.DoesNotContain("/u/", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(mail.Headers.Keys, h => h.StartsWith("List-Unsubscribe", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task At_most_three_copies_are_sent_and_the_page_then_says_the_limit_is_reached()
    {
        var (token, _, _, email) = await fixture.SubmittedAsync();
        using var client = fixture.Node.CreateClient();
        var antiforgery = await client.GetAntiforgeryTokenAsync($"/s/{token}");

        for (var i = 0; i < InvitationState.MaxAnswerCopies; i++)
        {
            using var sent = await PostCopyAsync(client, token, Guid.NewGuid().ToString(), antiforgery);
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        using var refused = await PostCopyAsync(client, token, Guid.NewGuid().ToString(), antiforgery);
        var refusedPage = await HtmlPage.ReadAsync(refused);
        var later = await HtmlPage.GetAsync(client, $"/s/{token}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Nothing was sent: 3 copies of your answers went to d***@supplier.test already, the most one survey sends.", refusedPage.Text, StringComparison.Ordinal);
        Assert.Contains("3 copies of your answers went to <strong>d***@supplier.test</strong>, the most one survey sends.", later.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Email me a copy of my answers", later.Text, StringComparison.Ordinal);
        Assert.Equal(3, fixture.MailTo(email).Count);
    }

    [Theory]
    [InlineData(MailSuppression.Bounced, "mail to this address could not be delivered")]
    [InlineData(MailSuppression.Unsubscribed, "this address is unsubscribed from our survey emails")]
    public async Task No_copy_goes_to_a_suppressed_address_and_the_page_says_so_before_anyone_asks(string suppression, string says)
    {
        var (token, _, _, email) = await fixture.SubmittedAsync();
        if (suppression == MailSuppression.Unsubscribed)
        {
            Assert.Equal(InvitationOutcome.Ok, (await InvitationsNode.Grain(fixture.Node, token).UnsubscribeAsync()).Outcome);
        }
        else
        {
            await fixture.Node.Grains.GetMailSuppression(email).SuppressAsync(suppression);
        }

        using var client = fixture.Node.CreateClient();
        var page = await HtmlPage.GetAsync(client, $"/s/{token}");
        using var posted = await PostCopyAsync(client, token, Guid.NewGuid().ToString(), await client.GetAntiforgeryTokenAsync($"/s/{token}?edit=true"));
        var refused = await HtmlPage.ReadAsync(posted);

        Assert.Contains($"We cannot email you a copy: {says}. You can print this page or save it instead.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Email me a copy of my answers", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains($"Nothing was sent: {says} (d***@supplier.test).", refused.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.MailTo(email));
    }

    [Theory]
    [InlineData(null, true, "Nothing was sent: the request was incomplete.")]
    [InlineData("not-a-click-id", true, "Nothing was sent: the request was incomplete.")]
    [InlineData("00000000-0000-0000-0000-000000000000", true, "Nothing was sent: the request was incomplete.")]
    [InlineData("valid", false, "Nothing was sent: this page had expired, or was opened in another browser.")]
    public async Task A_copy_asked_for_without_a_click_id_or_with_an_expired_page_sends_nothing_and_says_so(string? copyId, bool withAntiforgery, string says)
    {
        var (token, _, _, email) = await fixture.SubmittedAsync();
        using var client = fixture.Node.CreateClient();
        var (validId, antiforgery) = await CopyFormAsync(client, $"/s/{token}");

        using var posted = await PostCopyAsync(client, token, copyId == "valid" ? validId : copyId, withAntiforgery ? antiforgery : null);
        var page = await HtmlPage.ReadAsync(posted);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("There is a problem", page.Text, StringComparison.Ordinal);
        Assert.Contains(says, page.Text, StringComparison.Ordinal);
        Assert.Contains("Email me a copy of my answers", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{validId}\"", page.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.MailTo(email));
    }

    [Fact]
    public async Task Before_anything_is_submitted_no_copy_is_offered_or_sent()
    {
        var email = $"dana-{Guid.NewGuid():N}@supplier.test";
        var (token, _) = await InvitationsNode.IssueAsync(fixture.Node, recipientEmail: email);
        using var client = fixture.Node.CreateClient();

        var form = await HtmlPage.GetAsync(client, $"/s/{token}");
        using var posted = await PostCopyAsync(client, token, Guid.NewGuid().ToString(), await client.GetAntiforgeryTokenAsync($"/s/{token}"));
        var page = await HtmlPage.ReadAsync(posted);

        Assert.DoesNotContain("Email me a copy", form.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains("Nothing was sent: no answers are submitted yet, so there is nothing to copy.", page.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.MailTo(email));
    }

    [Fact]
    public async Task A_copy_the_mail_service_refuses_is_not_counted_and_the_page_says_so()
    {
        var (token, _, _, email) = await fixture.SubmittedAsync();
        fixture.SendGrid.RejectAddress(email);
        using var client = fixture.Node.CreateClient();
        var (copyId, antiforgery) = await CopyFormAsync(client, $"/s/{token}");

        using var posted = await PostCopyAsync(client, token, copyId, antiforgery);
        var page = await HtmlPage.ReadAsync(posted);

        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains("Nothing was sent: the mail service refused to send the copy to d***@supplier.test.", page.Text, StringComparison.Ordinal);
        Assert.Equal(0, (await InvitationsNode.Grain(fixture.Node, token).GetFormAsync())!.Copies!.Sent);
    }

    [GeneratedRegex("name=\"copyId\" value=\"([^\"]+)\"")]
    private static partial Regex CopyIdInput();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
